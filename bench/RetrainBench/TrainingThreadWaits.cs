using System.Globalization;

namespace RetrainBench;

/// <summary>
/// How long the training threads (the job's thread and libtorch's OpenMP threads, which take its name) stood ready to
/// run while another thread had their core: the run-queue wait from /proc/self/task/N/schedstat (Linux). This is the
/// time the queue, the event store and the hub take from training, counted where training loses it; unlike the job's
/// wall clock it does not move with the host's speed from one minute to the next. Sampled every 100 ms, because a
/// training thread's figures vanish with it when the job ends; the last interval of each thread is lost on both paths.
/// </summary>
internal sealed class TrainingThreadWaits : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<int, (string Name, bool Settled)> _names = [];
    private readonly Dictionary<int, (long First, long Last)> _waits = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private TrainingThreadWaits()
    {
        // Threads already running (and waiting) before the job count only from here on; threads born later from zero.
        Sample(baseline: true);
        _sampling = Task.Run(SampleUntilStoppedAsync);
    }

    public static TrainingThreadWaits Start() => new();

    /// <summary>Seconds the training threads spent ready but not running since <see cref="Start"/>, summed over threads.</summary>
    public async Task<double> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        Sample(baseline: false);
        return _waits.Values.Sum(w => w.Last - w.First) / 1e9;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            await StopAsync();
        _stop.Dispose();
    }

    private async Task SampleUntilStoppedAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
                Sample(baseline: false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample(bool baseline)
    {
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            var id = int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture);
            try
            {
                // A thread's name is read on two samples, then kept: reading every name on every sample would cost
                // more than the threads measured, and a .NET thread names itself just after it starts.
                if (!_names.TryGetValue(id, out var known) || !known.Settled)
                    _names[id] = known = (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n'), Settled: known.Name is not null);
                if (!ThreadCpu.IsTraining(known.Name))
                    continue;
                // "on-CPU ns, run-queue wait ns, time slices"
                var wait = long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[1], CultureInfo.InvariantCulture);
                _waits[id] = _waits.TryGetValue(id, out var seen) ? (seen.First, wait) : (baseline ? wait : 0, wait);
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }
    }
}
