using Portal.Ml.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Portal.Ml.Tests.Model;

public class GptTests
{
    [Fact]
    public void ParameterNamesAreExactlyHuggingFaceGpt2Keys()
    {
        using var model = new Gpt(TinyGpt2Checkpoint.Config);

        var names = model.named_parameters().Select(entry => entry.name).ToList();
        var shapes = model.named_parameters().Select(entry => entry.parameter.shape).ToList();

        var expected = TinyGpt2Checkpoint.Layout(TinyGpt2Checkpoint.Config).ToList();
        Assert.Equal(expected.Select(entry => entry.Name), names);
        // Same shapes except Conv1D weights, which Hugging Face stores [in, out] and our Linear keeps [out, in].
        for (var i = 0; i < expected.Count; i++)
        {
            var shape = HfGptWeights.IsConv1DWeight(names[i]) ? expected[i].Shape.Reverse().ToArray() : expected[i].Shape;
            Assert.Equal(shape, shapes[i]);
        }
    }

    [Fact]
    public void HeadIsTiedToTheTokenEmbeddingSoItHasNoParameterOfItsOwn()
    {
        var config = TinyGpt2Checkpoint.Config;
        using var model = new Gpt(config);

        Assert.DoesNotContain(model.named_parameters(), entry => entry.name.Contains("lm_head"));
        Assert.Equal(config.ParameterCount, model.parameters().Sum(parameter => parameter.numel()));
    }

    [Theory]
    [InlineData("tiny", 1_000_000, 1_600_000)]
    [InlineData("small", 9_000_000, 12_000_000)]
    public void PresetsHaveTheAdvertisedSizeAtTheirDefaultVocabulary(string preset, long atLeast, long atMost)
    {
        var config = preset == "tiny" ? GptConfig.Tiny() : GptConfig.Small();
        using var model = new Gpt(config);

        var count = model.parameters().Sum(parameter => parameter.numel());

        Assert.Equal(config.ParameterCount, count);
        Assert.InRange(count, atLeast, atMost);
    }

    [Fact]
    public void ForwardGivesLogitsForEveryPositionOfEverySequence()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Gpt(TinyGpt2Checkpoint.Config);
        var idx = torch.randint(0, 50, [3, 7], dtype: ScalarType.Int64);

        var logits = model.forward(idx);

        Assert.Equal([3L, 7, 50], logits.shape);
        Assert.Equal(ScalarType.Float32, logits.dtype);
    }

    [Fact]
    public void ForwardRefusesASequenceLongerThanTheContext()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Gpt(TinyGpt2Checkpoint.Config);

        var error = Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(1, 17, ScalarType.Int64)));

        Assert.Contains("context of 16", error.Message);
    }

    [Fact]
    public void InitializationFollowsGpt2WithScaledResidualProjections()
    {
        using var scope = torch.NewDisposeScope();
        var config = new GptConfig(VocabSize: 2000, NPositions: 64, NEmbd: 128, NLayer: 8, NHead: 4);
        using var model = new Gpt(config);
        var parameters = model.named_parameters().ToDictionary(entry => entry.name, entry => (Tensor)entry.parameter);

        Assert.Equal(0.02, parameters["wte.weight"].std().item<float>(), 0.001);
        Assert.Equal(0.02, parameters["h.3.attn.c_attn.weight"].std().item<float>(), 0.001);
        Assert.Equal(0.02, parameters["h.3.mlp.c_fc.weight"].std().item<float>(), 0.001);
        Assert.Equal(0.02 / Math.Sqrt(16), parameters["h.3.attn.c_proj.weight"].std().item<float>(), 0.0005);
        Assert.Equal(0.02 / Math.Sqrt(16), parameters["h.3.mlp.c_proj.weight"].std().item<float>(), 0.0005);
        Assert.Equal(0f, parameters["h.3.mlp.c_fc.bias"].abs().max().item<float>());
        Assert.Equal(1f, parameters["h.3.ln_1.weight"].mean().item<float>());
        Assert.Equal(0f, parameters["ln_f.bias"].abs().max().item<float>());
    }

    [Fact]
    public void DropoutActsOnlyInTrainingMode()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Gpt(TinyGpt2Checkpoint.Config with { Dropout = 0.5 });
        var idx = torch.randint(0, 50, [2, 10], dtype: ScalarType.Int64);

        model.train();
        Assert.False(model.forward(idx).allclose(model.forward(idx)));
        model.eval();
        // TorchSharp's equal() is elementwise (PyTorch's eq), unlike torch.equal in Python: reduce with all().
        Assert.True(model.forward(idx).equal(model.forward(idx)).all().item<bool>());
    }

    [Fact]
    public void GradientsReachEveryParameter()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Gpt(TinyGpt2Checkpoint.Config);
        var idx = torch.randint(0, 50, [2, 10], dtype: ScalarType.Int64);

        var logits = model.forward(idx);                                                     // (B, T, V)
        var loss = nn.functional.cross_entropy(logits.view(-1, 50), idx.view(-1));
        loss.backward();

        Assert.All(model.named_parameters(), entry => Assert.True(
            entry.parameter.grad is not null && entry.parameter.grad.abs().sum().item<float>() > 0, entry.name));
    }
}
