using System.Diagnostics;
using TorchSharp;

namespace Portal.Ml.Cli.Benchmark;

/// <summary>The machine's practical float32 matmul rate, measured in this process: the yardstick for MFU.</summary>
public static class MatmulProbe
{
    public static double GigaFlops(TimeSpan duration, int size = 1024)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(0);
        var a = torch.randn(size, size);
        var b = torch.randn(size, size);
        for (var i = 0; i < 3; i++)
            a.matmul(b).Dispose(); // warm-up: thread pool and caches

        var clock = Stopwatch.StartNew();
        var runs = 0;
        while (clock.Elapsed < duration)
        {
            a.matmul(b).Dispose();
            runs++;
        }
        return 2.0 * size * size * size * runs / clock.Elapsed.TotalSeconds / 1e9;
    }
}
