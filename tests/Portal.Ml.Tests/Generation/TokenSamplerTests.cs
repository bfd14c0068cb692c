using Portal.Ml.Generation;
using TorchSharp;

namespace Portal.Ml.Tests.Generation;

public class TokenSamplerTests
{
    private static int Next(float[] logits, GenerationOptions options, int[]? seen = null, long seed = 1)
    {
        using var scope = torch.NewDisposeScope();
        using var random = new torch.Generator((ulong)seed);
        return TokenSampler.Next(torch.tensor(logits), seen ?? [], options, random);
    }

    [Fact]
    public void GreedyPicksTheHighestScore() =>
        Assert.Equal(2, Next([0.1f, 1f, 3f, -2f], GenerationOptions.Greedy));

    [Fact]
    public void RepetitionPenaltyShrinksPositiveScoresOfSeenTokens() =>
        // 3 / 2 = 1.5 falls below the unseen token's 2.
        Assert.Equal(1, Next([3f, 2f, -1f], GenerationOptions.Greedy with { RepetitionPenalty = 2 }, seen: [0, 2]));

    [Fact]
    public void TopKOfOneAndATinyTopPAreGreedyAtAnyTemperature()
    {
        float[] logits = [0.5f, 1f, 1.2f, 0.9f];
        var hot = new GenerationOptions { Temperature = 5, TopK = null, TopP = null };

        for (var seed = 0; seed < 20; seed++)
        {
            Assert.Equal(2, Next(logits, hot with { TopK = 1 }, seed: seed));
            Assert.Equal(2, Next(logits, hot with { TopP = 0.01 }, seed: seed));
        }
    }

    [Fact]
    public void SamplingNeverPicksATokenOutsideTheTopK()
    {
        float[] logits = [1f, 1.1f, 0.9f, 5f, 4.9f];
        var options = new GenerationOptions { Temperature = 10, TopK = 2, TopP = null };

        var picked = Enumerable.Range(0, 50).Select(seed => Next(logits, options, seed: seed)).ToHashSet();

        Assert.Equal([3, 4], picked.Order());
    }
}
