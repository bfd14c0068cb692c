using Portal.Ml.Model;
using Portal.Ml.Training;
using TorchSharp;

namespace Portal.Ml.Cli.Benchmark;

/// <summary>Training throughput of the real <see cref="Trainer"/> loop on full-context batches of random tokens.</summary>
public static class TrainingProbe
{
    public sealed record Figures(long Parameters, int TokensPerStep, double TokensPerSecond, double FlopsPerToken, long PeakBytes);

    public static Figures Measure(GptConfig config, int batchSize, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        var random = new Random(1);
        var examples = Enumerable.Range(0, batchSize * steps)
            .Select(_ => new TokenizedExample(Enumerable.Range(0, config.NPositions + 1).Select(_ => random.Next(config.VocabSize)).ToArray(), 0))
            .ToList();
        var options = new TrainingOptions
        {
            BatchSize = batchSize, MaxSteps = steps, EvalInterval = int.MaxValue, LogInterval = 1, WarmupSteps = 0,
            EarlyStopPatience = 0, MaskPrompt = false, LearningRate = 1e-4, ValidationFraction = 0,
        };
        var directory = Path.Combine(Path.GetTempPath(), "portal-bench-" + Guid.NewGuid().ToString("N"));
        var rates = new Dictionary<int, double>();

        PeakMemory.Reset();
        try
        {
            torch.manual_seed(1);
            using var model = new Gpt(config);
            var trainer = new Trainer(model, config, new TrainingData(examples, [], 0), options, directory);
            trainer.Run(new Reports(report => rates[report.Step] = report.TokensPerSecond));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        // The first step pays for allocations and thread start-up: rate over the later steps only.
        var tokensPerStep = batchSize * config.NPositions;
        var firstSeconds = tokensPerStep / rates[1];
        var allSeconds = (double)tokensPerStep * steps / rates[steps];
        var rate = tokensPerStep * (steps - 1) / (allSeconds - firstSeconds);
        return new Figures(NonEmbeddingParameters(config), tokensPerStep, rate, FlopsPerToken(config), PeakMemory.PeakBytes());
    }

    /// <summary>nanoGPT's estimate (PaLM appendix B): 6N for the matmuls forward and backward, plus attention.</summary>
    public static double FlopsPerToken(GptConfig config) =>
        6.0 * NonEmbeddingParameters(config) + 12.0 * config.NLayer * config.NEmbd * config.NPositions;

    /// <summary>Parameters without the position embedding, which costs no matmul (the tied head does).</summary>
    public static long NonEmbeddingParameters(GptConfig config) => config.ParameterCount - (long)config.NPositions * config.NEmbd;

    private sealed class Reports(Action<TrainingProgress> onReport) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Event == TrainingEvent.Step) onReport(value);
        }
    }
}
