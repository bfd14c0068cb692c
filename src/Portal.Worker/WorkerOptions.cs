namespace Portal.Worker;

/// <summary>How a worker identifies itself and paces its calls to the portal. Bindable from configuration.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Portal:Worker";

    /// <summary>Shown on the job; a restarted worker gets a new id, so the portal can tell its old leases apart.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>How long to wait before asking again when no job is queued.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a running job's lease is extended; also how soon a Cancel press is noticed.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A remote worker's own folder for the jobs' files (start and previous models, run, candidate).</summary>
    public string WorkDirectory { get; set; } = "worker-data";

    /// <summary>The first wait after a failed call to the portal; it doubles on each failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When the worker is stopping, how long it may still spend sending pending events and its last checkpoint.</summary>
    public TimeSpan StopFlushTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
