using Portal.Ml.Generation;
using Portal.Ml.Tests.Training;

namespace Portal.Ml.Tests.Generation;

public sealed class GeneratorTests(TrainedTinyModel trained) : IClassFixture<TrainedTinyModel>, IDisposable
{
    private readonly Portal.Ml.Model.Gpt _model = trained.Load();
    private Generator Generator => new(_model, TrainedTinyModel.Codec);

    private static readonly GenerationOptions Sampled = new() { Temperature = 1.0, TopK = null, TopP = null, MaxNewTokens = 40 };

    public void Dispose() => _model.Dispose();

    [Fact]
    public void TheSameSeedGivesTheSameText()
    {
        var first = Generator.Generate("rain blues", Sampled with { Seed = 5 });
        var second = Generator.Generate("rain blues", Sampled with { Seed = 5 });

        Assert.Equal(first.TokenIds, second.TokenIds);
        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentTexts()
    {
        var texts = Enumerable.Range(1, 4)
            .Select(seed => Generator.Generate("city lights", Sampled with { Seed = seed, Temperature = 1.5 }).Text)
            .ToList();

        Assert.True(texts.Distinct().Count() > 1, string.Join(" | ", texts));
    }

    [Fact]
    public void GenerationStopsAtMaxNewTokens()
    {
        var result = Generator.Generate("rain blues", Sampled with { Seed = 1, MaxNewTokens = 5 });

        Assert.Equal(5, result.TokenIds.Count);
        Assert.Equal(FinishReason.Length, result.Reason);
    }

    [Fact]
    public void TheTrainedModelWritesInTheStyleOfItsPromptAndEndsTheVerse()
    {
        var result = Generator.Generate("rain blues", GenerationOptions.Greedy with { MaxNewTokens = 60 });

        Assert.StartsWith("rain", result.Text);
        Assert.Equal(FinishReason.EndOfText, result.Reason);
    }

    [Fact]
    public void TextEndsBeforeTheFirstStopSequenceAndStreamingNeverShowsIt()
    {
        var options = GenerationOptions.Greedy with { MaxNewTokens = 40 };
        var full = Generator.Generate("rain blues", options).Text;
        Assert.True(full.Length >= 8, full);
        var stop = full.Substring(4, 3);

        var pieces = new List<string>();
        var stopped = Generator.Generate("rain blues", options with { StopSequences = ["zzz", stop] }, pieces.Add);

        Assert.Equal(FinishReason.StopSequence, stopped.Reason);
        Assert.Equal(full[..full.IndexOf(stop, StringComparison.Ordinal)], stopped.Text);
        Assert.Equal(stopped.Text, string.Concat(pieces));
    }

    [Fact]
    public void StreamedPiecesAddUpToTheWholeText()
    {
        var pieces = new List<string>();

        var result = Generator.Generate("city lights", Sampled with { Seed = 3 }, pieces.Add);

        Assert.Equal(result.Text, string.Concat(pieces));
        Assert.True(pieces.Count > 1);
    }

    [Theory]
    [InlineData("rain blues")]
    [InlineData("city lights")]
    [InlineData("something new")]
    public void CachedAndUncachedGreedyDecodingProduceIdenticalTokens(string prompt)
    {
        var options = GenerationOptions.Greedy with { MaxNewTokens = 40 };

        var cached = Generator.Generate(prompt, options with { UseCache = true });
        var recomputed = Generator.Generate(prompt, options with { UseCache = false });

        Assert.Equal(recomputed.TokenIds, cached.TokenIds);
    }

    [Fact]
    public void CachedDecodingKeepsGoingPastTheContext()
    {
        // A codec without an end token makes the text run on, past the 64-token context.
        var endless = new Generator(_model, TrainedTinyModel.Codec with { EndOfTextId = -1 });

        var result = endless.GenerateFromTokens(TinySetup.Encode("rain"), Sampled with { Seed = 2, MaxNewTokens = 150 });

        Assert.Equal(150, result.TokenIds.Count);
        Assert.Equal(FinishReason.Length, result.Reason);
    }

    [Fact]
    public void ACancelledRequestStopsBeforeTheNextToken()
    {
        using var cancel = new CancellationTokenSource();

        var result = Generator.Generate("rain blues", GenerationOptions.Greedy, _ => cancel.Cancel(), cancel.Token);

        Assert.Equal(FinishReason.Cancelled, result.Reason);
        Assert.Single(result.TokenIds);
    }
}
