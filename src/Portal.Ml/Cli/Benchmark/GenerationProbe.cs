using Portal.Ml.Generation;
using Portal.Ml.Model;
using TorchSharp;

namespace Portal.Ml.Cli.Benchmark;

/// <summary>
/// Generation speed of an untrained model, with and without the key/value cache. The codec has no end token and
/// decodes to nothing, so every run writes exactly the asked number of tokens and the figure is the model's alone.
/// </summary>
public static class GenerationProbe
{
    public sealed record Figures(double TokensPerSecond, TimeSpan TimeToFirstToken, long PeakBytes);

    private static readonly TokenCodec Silent = new(_ => [], _ => "", EndOfTextId: -1);

    public static Figures Measure(GptConfig config, bool useCache, int newTokens, int promptTokens = 16)
    {
        PeakMemory.Reset();
        torch.manual_seed(1);
        using var model = new Gpt(config);
        var generator = new Generator(model, Silent);
        var random = new Random(1);
        var prompt = Enumerable.Range(0, promptTokens).Select(_ => random.Next(config.VocabSize)).ToArray();
        var options = new GenerationOptions { MaxNewTokens = newTokens, Seed = 1, UseCache = useCache, TopP = null };

        generator.GenerateFromTokens(prompt, options with { MaxNewTokens = 4 }); // warm-up
        var result = generator.GenerateFromTokens(prompt, options);
        return new Figures(result.TokensPerSecond, result.TimeToFirstToken, PeakMemory.PeakBytes());
    }
}
