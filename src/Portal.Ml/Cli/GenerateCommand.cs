using Portal.Ml.Generation;

namespace Portal.Ml.Cli;

/// <summary><c>generate</c>: streams lyrics for a prompt from a model folder.</summary>
public static class GenerateCommand
{
    public const string Usage = """
        generate --model <folder> --prompt "<prompt>" [options]
            --max-tokens N  --temperature X (0 = greedy)  --top-k N  --top-p X  --repetition-penalty X  --seed N
            --stop "<text>"                end the text before this (repeatable)
            --no-cache                     recompute the whole text at every token (slow; for comparison)
        """;

    private static readonly string[] Values = ["model", "prompt", "max-tokens", "temperature", "top-k", "top-p", "repetition-penalty", "seed", "stop"];

    public static int Run(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var cli = CliArguments.Parse(args, Values, ["no-cache"]);
        var folder = cli.Required("model");
        var prompt = cli.Required("prompt");
        var defaults = new GenerationOptions();
        var options = defaults with
        {
            MaxNewTokens = cli.Int("max-tokens", 1) ?? defaults.MaxNewTokens,
            Temperature = cli.Double("temperature", 0) ?? defaults.Temperature,
            TopK = cli.Int("top-k", 1) ?? defaults.TopK,
            TopP = cli.Double("top-p", double.Epsilon) is { } p && p <= 1 ? p
                : cli.Optional("top-p") is null ? defaults.TopP
                : throw new UsageException("--top-p must be at most 1."),
            RepetitionPenalty = cli.Double("repetition-penalty", double.Epsilon) ?? defaults.RepetitionPenalty,
            Seed = cli.Int("seed") ?? defaults.Seed,
            StopSequences = cli.All("stop"),
            UseCache = !cli.Flag("no-cache"),
        };

        var (model, tokenizer) = ModelFolder.Load(folder);
        using (model)
        {
            var result = new Generator(model, TokenCodec.From(tokenizer)).Generate(prompt, options, output.Write, cancellationToken);
            output.WriteLine();
            output.WriteLine($"-- {result.TokenIds.Count} tokens, {result.Reason}, {result.TokensPerSecond:F0} tokens/s, first token after {result.TimeToFirstToken.TotalMilliseconds:F0} ms");
        }
        return 0;
    }
}
