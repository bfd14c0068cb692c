using Portal.Core.Training;
using Portal.Web.Api;

namespace LoadBench.Watchers;

/// <summary>One training job with <see cref="Watchers"/> clients on it: the job as it ended, its stored events, and what each client saw.</summary>
internal sealed record WatchedRun(int Watchers, TrainingJobResponse Job, IReadOnlyList<JobEvent> Stored, IReadOnlyList<WatcherLog> Logs)
{
    public double TokensPerSecond => Job.Metrics?.TokensPerSecond ?? double.NaN;

    /// <summary>Stored events no client-side record accounts for, pushed or read back, summed over the clients.</summary>
    public int Missed() => Logs.Sum(log =>
    {
        var seen = log.Pushed.Select(e => e.Sequence).Concat(log.CaughtUp).ToHashSet();
        return Stored.Count(e => !seen.Contains(e.Sequence));
    });

    /// <summary>Pushes that arrived after a later event of the same job (a repeat counts too), summed over the clients.</summary>
    public int OutOfOrder() => Logs.Sum(log =>
    {
        var count = 0;
        long last = 0;
        foreach (var pushed in log.Pushed)
        {
            if (pushed.Sequence <= last)
                count++;
            last = Math.Max(last, pushed.Sequence);
        }
        return count;
    });

    /// <summary>Events a client read back with GetEvents because they were stored before it had joined the job's group.</summary>
    public int CaughtUpOnly() => Logs.Sum(log =>
    {
        var pushed = log.Pushed.Select(e => e.Sequence).ToHashSet();
        return log.CaughtUp.Count(s => !pushed.Contains(s));
    });

    /// <summary>Places where the stored sequence skips a number: the store promises none.</summary>
    public int StoredGaps() => Stored.Select((e, i) => e.Sequence == i + 1 ? 0 : 1).Sum();

    public int StoredProgress => Stored.Count(e => e.Data.Kind == JobEventKind.Progress);

    /// <summary>From the worker stamping each progress event to a client receiving its push, in milliseconds.</summary>
    public IEnumerable<double> DelaysMs() => Logs.SelectMany(log => log.Pushed)
        .Where(e => e is { Kind: JobEventKind.Progress, ProducedAt: not null })
        .Select(e => (e.ReceivedAt - e.ProducedAt!.Value).TotalMilliseconds);
}
