using System.Diagnostics;

namespace RetrainBench;

/// <summary>What one job cost around its training, measured the same way for the portal and for the engine alone.</summary>
internal sealed record JobCosts(
    double CpuSeconds, double BesideTrainingCpuSeconds, double JitCpuSeconds, int Collections, double StealSeconds, double TrainingWaitSeconds);

/// <summary>Takes the readings <see cref="JobCosts"/> is the difference of, at the start of a job and at its end.</summary>
internal sealed class JobCostMeter : IAsyncDisposable
{
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly Dictionary<int, (string Name, double Seconds)> _threads = ThreadCpu.Snapshot();
    private readonly int _collections = GC.CollectionCount(0);
    private readonly double _steal = HostSteal.Seconds();
    private readonly TrainingThreadWaits _waits = TrainingThreadWaits.Start();

    private JobCostMeter()
    {
    }

    public static JobCostMeter Start() => new();

    public async Task<JobCosts> StopAsync()
    {
        var threads = ThreadCpu.Snapshot();
        var steal = HostSteal.Seconds() - _steal;
        var waits = await _waits.StopAsync();
        return new JobCosts(
            (Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalSeconds, ThreadCpu.BesideTraining(_threads, threads), ThreadCpu.Jit(_threads, threads),
            GC.CollectionCount(0) - _collections, steal, waits);
    }

    public ValueTask DisposeAsync() => _waits.DisposeAsync();
}
