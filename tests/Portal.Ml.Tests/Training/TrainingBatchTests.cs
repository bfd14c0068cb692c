using Portal.Ml.Training;
using TorchSharp;

namespace Portal.Ml.Tests.Training;

public class TrainingBatchTests
{
    private static readonly TokenizedExample Long = new([10, 11, 12, 13, 14, 15], PromptLength: 3);
    private static readonly TokenizedExample Short = new([20, 21, 22, 23], PromptLength: 2);

    [Fact]
    public void MaskDropsPromptTargetsAndPadding()
    {
        using var scope = torch.NewDisposeScope();

        var batch = TrainingBatch.Build([Long, Short], maskPrompt: true, padId: 0, torch.CPU);

        Assert.Equal([2L, 5L], batch.Inputs.shape);
        Assert.Equal([10L, 11, 12, 13, 14, 20, 21, 22, 23, 0], batch.Inputs.data<long>().ToArray());
        Assert.Equal([11L, 12, 13, 14, 15, 21, 22, 23, 0, 0], batch.Targets.data<long>().ToArray());
        // Row 1: targets 11, 12 are prompt; row 2: target 21 is prompt, the last two are padding.
        Assert.Equal([0f, 0, 1, 1, 1, 0, 1, 1, 0, 0], batch.Mask.data<float>().ToArray());
        Assert.Equal(5, batch.TargetCount);
        Assert.Equal(8, batch.TokenCount);
    }

    [Fact]
    public void WithoutPromptMaskingEveryRealTargetCounts()
    {
        using var scope = torch.NewDisposeScope();

        var batch = TrainingBatch.Build([Long, Short], maskPrompt: false, padId: 0, torch.CPU);

        Assert.Equal([1f, 1, 1, 1, 1, 1, 1, 1, 0, 0], batch.Mask.data<float>().ToArray());
    }

    [Fact]
    public void EncoderMarksThePromptPartAndEndsWithTheEndToken()
    {
        var example = TinySetup.Encoder().Encode(new TrainingVerse("1", "ab", "cd"));

        Assert.Equal(TinySetup.Encode("ab\n###\ncd").Append(TinySetup.EndOfTextId), example.Tokens);
        Assert.Equal(TinySetup.Encode("ab\n###\n").Length, example.PromptLength);
    }

    [Fact]
    public void EncoderCutsVersesToTheContext()
    {
        var example = TinySetup.Encoder(maxLength: 5).Encode(new TrainingVerse("1", "a long prompt", "cd"));

        Assert.Equal(5, example.Length);
        Assert.Equal(5, example.PromptLength);
    }
}
