using Portal.Ml.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Portal.Ml.Tests.Model;

public class KvCacheTests
{
    private static Gpt TinyModel()
    {
        var model = HfGptWeights.Import(TinyGpt2Checkpoint.Config, TinyGpt2Checkpoint.Tensors());
        model.eval();
        return model;
    }

    [Fact]
    public void OneTokenAtATimeGivesTheSameLogitsAsTheFullSequence()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyModel();
        using var cache = new KvCache(model.Config);
        var idx = torch.randint(0, 50, [2, 16], dtype: ScalarType.Int64);                   // the whole context
        var full = model.forward(idx);                                                       // (B, T, V)

        for (var t = 0; t < 16; t++)
        {
            var step = model.Forward(idx.narrow(1, t, 1), cache);                            // (B, 1, V)
            AssertClose(full.narrow(1, t, 1), step, 1e-5);
        }
        Assert.Equal(16, cache.Length);
    }

    [Fact]
    public void SeveralNewTokensAfterAPrefixSeeExactlyTheirPast()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyModel();
        using var cache = new KvCache(model.Config);
        var idx = torch.randint(0, 50, [2, 12], dtype: ScalarType.Int64);
        var full = model.forward(idx);

        AssertClose(full.narrow(1, 0, 5), model.Forward(idx.narrow(1, 0, 5), cache), 1e-5);  // prompt
        AssertClose(full.narrow(1, 5, 4), model.Forward(idx.narrow(1, 5, 4), cache), 1e-5);  // a chunk after it
        AssertClose(full.narrow(1, 9, 1), model.Forward(idx.narrow(1, 9, 1), cache), 1e-5);
        AssertClose(full.narrow(1, 10, 2), model.Forward(idx.narrow(1, 10, 2), cache), 1e-5);
    }

    [Fact]
    public void ClearedCacheStartsAgainFromPositionZero()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyModel();
        using var cache = new KvCache(model.Config);
        var first = torch.randint(0, 50, [1, 6], dtype: ScalarType.Int64);
        var second = torch.randint(0, 50, [1, 6], dtype: ScalarType.Int64);
        model.Forward(first, cache);

        cache.Clear();
        var logits = model.Forward(second, cache);

        Assert.Equal(6, cache.Length);
        AssertClose(model.forward(second), logits, 1e-5);
    }

    [Fact]
    public void CacheRefusesTokensPastTheContext()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyModel();
        using var cache = new KvCache(model.Config);
        model.Forward(torch.zeros(1, 15, ScalarType.Int64), cache);

        var error = Assert.Throws<ArgumentException>(() => model.Forward(torch.zeros(1, 2, ScalarType.Int64), cache));

        Assert.Contains("holds 15 tokens", error.Message);
        Assert.Equal(15, cache.Length);
    }

    [Fact]
    public void CacheForAnotherModelShapeIsRefused()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyModel();
        using var cache = new KvCache(TinyGpt2Checkpoint.Config with { NLayer = 3 });

        Assert.Throws<ArgumentException>(() => model.Forward(torch.zeros(1, 1, ScalarType.Int64), cache));
    }

    [Fact]
    public void CachedDecodingRecordsNoAutogradGraph()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyModel();
        using var cache = new KvCache(model.Config);

        var logits = model.Forward(torch.zeros(1, 3, ScalarType.Int64), cache);

        Assert.False(logits.requires_grad);
    }

    private static void AssertClose(Tensor expected, Tensor actual, double tolerance)
    {
        Assert.Equal(expected.shape, actual.shape);
        var difference = (expected - actual).abs().max().item<float>();
        Assert.True(difference <= tolerance, $"max |difference| = {difference}");
    }
}
