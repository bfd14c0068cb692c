using Portal.Ml.Model;
using Portal.Ml.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Portal.Ml.Tests.Model;

public class HfGptWeightsTests
{
    public static TheoryData<int[]> Sequences => new()
    {
        new[] { 7 },
        new[] { 1, 2, 3, 4, 5 },
        new[] { 49, 0, 49, 0, 12, 33, 8, 8, 8, 41, 2, 19, 27, 5, 44, 30 },                   // the full context
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void ImportedModelMatchesThePlainArrayReference(int[] tokens)
    {
        var tensors = TinyGpt2Checkpoint.Tensors();
        using var model = HfGptWeights.Import(TinyGpt2Checkpoint.Config, tensors);
        model.eval();

        AssertMatchesReference(model, tensors, tokens);
    }

    [Fact]
    public void LmHeadModelNamesMaskBuffersAndATiedHeadAreAccepted()
    {
        var tensors = TinyGpt2Checkpoint.Tensors(seed: 99);
        using var model = HfGptWeights.Import(TinyGpt2Checkpoint.Config, TinyGpt2Checkpoint.AsLmHeadModelWithBuffers(tensors));
        model.eval();

        AssertMatchesReference(model, tensors, [3, 1, 4, 1, 5, 9, 2, 6]);
    }

    [Fact]
    public void ExportGivesBackTheImportedTensorsBitForBit()
    {
        var tensors = TinyGpt2Checkpoint.Tensors();
        using var model = HfGptWeights.Import(TinyGpt2Checkpoint.Config, tensors);

        var exported = HfGptWeights.Export(model);

        Assert.Equal(tensors.Select(tensor => tensor.Name), exported.Select(tensor => tensor.Name));
        foreach (var (original, roundTripped) in tensors.Zip(exported))
        {
            Assert.Equal(original.Shape, roundTripped.Shape);
            Assert.Equal(original.Data, roundTripped.Data);
        }
    }

    [Fact]
    public void MissingAndMisshapenTensorsAreAllReportedAtOnce()
    {
        var tensors = TinyGpt2Checkpoint.Tensors();
        tensors.RemoveAll(tensor => tensor.Name == "h.1.mlp.c_fc.bias");
        var index = tensors.FindIndex(tensor => tensor.Name == "h.0.attn.c_attn.weight");
        tensors[index] = tensors[index] with { Shape = [24, 8] };                           // Linear layout, not Conv1D
        tensors.Add(NamedTensor.Create("h.0.attn.rotary", [2], [0, 0]));

        var error = Assert.Throws<InvalidCheckpointException>(() => HfGptWeights.Import(TinyGpt2Checkpoint.Config, tensors));

        Assert.Equal(3, error.Problems.Count);
        Assert.Contains("missing h.1.mlp.c_fc.bias [32]", error.Message);
        Assert.Contains("h.0.attn.c_attn.weight has shape [24, 8], expected [8, 24]", error.Message);
        Assert.Contains("unexpected tensor h.0.attn.rotary [2]", error.Message);
        Assert.Contains("nothing was loaded", error.Message);
    }

    [Fact]
    public void AnUntiedHeadIsRefused()
    {
        var tensors = TinyGpt2Checkpoint.Tensors();
        var wte = tensors.Single(tensor => tensor.Name == "wte.weight");
        tensors.Add(NamedTensor.Create("lm_head.weight", wte.Shape, wte.Data.Select(value => -value).ToArray()));

        var error = Assert.Throws<InvalidCheckpointException>(() => HfGptWeights.Import(TinyGpt2Checkpoint.Config, tensors));

        Assert.Contains("lm_head.weight differs from wte.weight", error.Message);
    }

    internal static void AssertMatchesReference(Gpt model, IEnumerable<NamedTensor> tensors, int[] tokens)
    {
        var expected = new ReferenceGpt2(model.Config, tensors).Forward(tokens);
        using var scope = torch.NewDisposeScope();
        var idx = torch.tensor(tokens.Select(token => (long)token).ToArray(), [1, tokens.Length]);

        var logits = model.forward(idx).cpu();                                               // (1, T, V)

        var actual = logits.data<float>().ToArray();
        var vocab = model.Config.VocabSize;
        for (var t = 0; t < tokens.Length; t++)
            for (var v = 0; v < vocab; v++)
                Assert.True(Math.Abs(expected[t][v] - actual[t * vocab + v]) <= 1e-4,
                    $"position {t}, token {v}: reference {expected[t][v]}, model {actual[t * vocab + v]}");
    }
}
