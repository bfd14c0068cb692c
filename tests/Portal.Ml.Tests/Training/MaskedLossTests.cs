using Portal.Ml.Training;
using TorchSharp;

namespace Portal.Ml.Tests.Training;

public class MaskedLossTests
{
    [Fact]
    public void MaskedPromptTokensDoNotContributeToTheLoss()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        var batch = TrainingBatch.Build([new TokenizedExample([1, 2, 3, 4, 5], PromptLength: 3)], maskPrompt: true, padId: 0, torch.CPU);
        var logits = torch.randn(1, 4, 8);
        var changed = logits.clone();
        changed[0, 0] = torch.randn(8) * 10; // predicts target 2: a prompt token
        changed[0, 1] = torch.randn(8) * 10; // predicts target 3: a prompt token

        var loss = MaskedLoss.Compute(logits, batch.Targets, batch.Mask).item<float>();
        var lossWithOtherPromptLogits = MaskedLoss.Compute(changed, batch.Targets, batch.Mask).item<float>();
        changed[0, 2] = torch.randn(8) * 10; // predicts target 4: a lyrics token
        var lossWithOtherLyricsLogits = MaskedLoss.Compute(changed, batch.Targets, batch.Mask).item<float>();

        Assert.Equal(loss, lossWithOtherPromptLogits);
        Assert.NotEqual(loss, lossWithOtherLyricsLogits);
    }

    [Fact]
    public void LossIsTheMeanCrossEntropyOfTheCountedTargets()
    {
        using var scope = torch.NewDisposeScope();
        var logits = torch.zeros(1, 2, 4); // uniform over 4 tokens: ln 4 per target
        var targets = torch.tensor(new long[] { 1, 2 }, [1, 2]);
        var mask = torch.tensor(new float[] { 0, 1 }, [1, 2]);

        Assert.Equal(MathF.Log(4), MaskedLoss.Compute(logits, targets, mask).item<float>(), 5);
        Assert.Equal(0f, MaskedLoss.Compute(logits, targets, torch.zeros(1, 2)).item<float>());
    }
}
