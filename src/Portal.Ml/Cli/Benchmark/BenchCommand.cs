using System.Globalization;
using Portal.Ml.Model;
using TorchSharp;

namespace Portal.Ml.Cli.Benchmark;

/// <summary>
/// <c>bench</c>: training throughput and MFU against the matmul rate of this same process, generation speed with
/// and without the cache, and peak memory, for the tiny and small presets. Prints figures, not pass or fail.
/// </summary>
public static class BenchCommand
{
    public const string Usage = """
        bench [--smoke]                    training and generation speed and memory (--smoke: under a minute, for CI)
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var cli = CliArguments.Parse(args, [], ["smoke"]);
        var smoke = cli.Flag("smoke");
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"Portal.Ml benchmark{(smoke ? " (smoke)" : "")}: {Runtime.TorchDevices.Describe()}");

        // The best of a few short measurements: on a shared machine one measurement can land in a busy moment and
        // make every MFU figure look better than it is.
        var gflops = Enumerable.Range(0, 3).Max(_ => MatmulProbe.GigaFlops(TimeSpan.FromSeconds(smoke ? 0.3 : 1.5)));
        output.WriteLine(string.Create(c, $"1024x1024 float32 matmul: {gflops:F1} GFLOP/s (best of 3)"));
        output.WriteLine();

        var newTokens = smoke ? 64 : 256;
        output.WriteLine($"| preset | params | train batch x ctx | train tok/s | MFU | train peak RSS | gen {newTokens} tok | cached tok/s | cached TTFT | uncached tok/s | uncached TTFT | speed-up | gen peak RSS |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, config, batch) in new[] { ("tiny", GptConfig.Tiny(), 8), ("small", GptConfig.Small(), 4) })
        {
            var train = TrainingProbe.Measure(config, batch, steps: smoke ? 3 : 12);
            var mfu = train.FlopsPerToken * train.TokensPerSecond / (gflops * 1e9);
            var cached = GenerationProbe.Measure(config, useCache: true, newTokens);
            var uncached = GenerationProbe.Measure(config, useCache: false, newTokens);
            output.WriteLine(string.Create(c,
                $"| {name} | {config.ParameterCount / 1e6:F2}M | {batch} x {config.NPositions} | {train.TokensPerSecond:F0} | {mfu:P0} | {Mib(train.PeakBytes)} | {newTokens} " +
                $"| {cached.TokensPerSecond:F0} | {cached.TimeToFirstToken.TotalMilliseconds:F0} ms | {uncached.TokensPerSecond:F0} | {uncached.TimeToFirstToken.TotalMilliseconds:F0} ms " +
                $"| {cached.TokensPerSecond / uncached.TokensPerSecond:F1}x | {Mib(Math.Max(cached.PeakBytes, uncached.PeakBytes))} |"));
        }

        output.WriteLine();
        output.WriteLine("MFU = (6 x non-embedding params + 12 x layers x n_embd x ctx) x tokens/s / matmul rate (nanoGPT's estimate).");
        output.WriteLine($"Threads: {torch.get_num_threads()}. Peak RSS is per phase and includes what earlier phases left resident.");
        return 0;
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F0} MiB");
}
