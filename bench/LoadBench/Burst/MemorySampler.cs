using System.Diagnostics;
using Portal.Web.Services.Playground;

namespace LoadBench.Burst;

/// <summary>Peaks seen while sampling: the process's working set and the playground model cache's own accounting.</summary>
internal sealed record MemoryPeaks(long WorkingSetBytes, long CachedBytes, long InMemoryBytes, int MostModelsInMemory);

/// <summary>
/// Samples the model cache every few milliseconds and the process's working set every half second until stopped. The cache's figures
/// are its own: the models it holds within the budget, and those plus the ones evicted while still generating.
/// </summary>
internal sealed class MemorySampler(LoadedModelCache cache) : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Reading the working set parses /proc each time, which every 20 ms took 5% of the process's CPU in the burst
    /// (dotnet-trace) from the runs being measured; the cache's own figures are a lock and a sum.
    /// </summary>
    private const int WorkingSetEvery = 25;
    private readonly CancellationTokenSource stop = new();
    private Task<MemoryPeaks>? sampling;

    public void Start() => sampling = Task.Run(SampleAsync);

    public async Task<MemoryPeaks> StopAsync()
    {
        await stop.CancelAsync();
        return await (sampling ?? throw new InvalidOperationException("The sampler was never started."));
    }

    private async Task<MemoryPeaks> SampleAsync()
    {
        using var process = Process.GetCurrentProcess();
        var peaks = new MemoryPeaks(0, 0, 0, 0);
        for (var sample = 0; ; sample++)
        {
            if (sample % WorkingSetEvery == 0)
                process.Refresh();
            var loaded = cache.Loaded();
            peaks = new MemoryPeaks(
                Math.Max(peaks.WorkingSetBytes, process.WorkingSet64),
                Math.Max(peaks.CachedBytes, cache.UsedBytes()),
                Math.Max(peaks.InMemoryBytes, loaded.Sum(m => m.CostBytes)),
                Math.Max(peaks.MostModelsInMemory, loaded.Count));
            try
            {
                await Task.Delay(Interval, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return peaks;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (sampling is not null)
            await sampling;
        stop.Dispose();
    }
}
