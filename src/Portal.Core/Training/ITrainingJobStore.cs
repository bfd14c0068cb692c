namespace Portal.Core.Training;

/// <summary>A request to queue a job; the snapshot is taken by the caller when the button is pressed.</summary>
public sealed record NewTrainingJob(
    string RequestedById,
    RetrainPreset Preset,
    TrainingSettings Settings,
    string? StartFrom,
    long? PreviousJobId,
    IReadOnlyList<SnapshotVerse> Snapshot,
    IReadOnlyList<string> ProbePrompts);

/// <summary>The job queued or joined, whether it was joined, and the events to broadcast.</summary>
public sealed record EnqueueResult(TrainingJob Job, bool Joined, IReadOnlyList<JobEvent> Events);

/// <summary>
/// The claimed job, or null when there was none, and the events to broadcast: the Running state change, and the
/// Cancelled state of abandoned jobs whose cancel was requested (ended rather than handed out, even when nothing is claimed).
/// </summary>
public sealed record ClaimResult(JobAssignment? Assignment, IReadOnlyList<JobEvent> Events);

/// <summary>The job after a cancel request, and the events to broadcast; null job when there is no such job.</summary>
public sealed record CancelResult(TrainingJob? Job, IReadOnlyList<JobEvent> Events);

/// <summary>
/// The durable queue. Every change that matters to a watcher appends numbered events in the same transaction, and
/// returns them so that the caller can broadcast exactly what was stored.
/// </summary>
public interface ITrainingJobStore
{
    /// <summary>Queues a job, or joins a queued or running job with the same snapshot, settings and start.</summary>
    Task<EnqueueResult> EnqueueAsync(NewTrainingJob request, CancellationToken cancellationToken = default);

    Task<TrainingJob?> FindAsync(long jobId, CancellationToken cancellationToken = default);

    /// <summary>Queued and running jobs, then the most recent finished ones; newest first within each.</summary>
    Task<IReadOnlyList<TrainingJob>> ListAsync(int finished = 50, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SnapshotVerse>> SnapshotAsync(long jobId, CancellationToken cancellationToken = default);

    /// <summary>Events with a sequence number above <paramref name="after"/>, in order.</summary>
    Task<IReadOnlyList<JobEvent>> EventsAsync(long jobId, long after, int take = 5000, CancellationToken cancellationToken = default);

    /// <summary>A queued job is cancelled at once; a running one is asked to stop at its next step.</summary>
    Task<CancelResult> CancelAsync(long jobId, CancellationToken cancellationToken = default);

    /// <summary>Running jobs with an expired lease first (to resume them), then the oldest queued job.</summary>
    Task<ClaimResult> ClaimAsync(string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    Task<LeaseStatus> HeartbeatAsync(JobLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>True while this lease is the job's current one and the job is running: guards a remote worker's file transfers.</summary>
    Task<bool> IsLeaseCurrentAsync(JobLease lease, CancellationToken cancellationToken = default);

    /// <summary>Numbers and stores a worker's events; null when the lease is no longer current (nothing is stored).</summary>
    Task<IReadOnlyList<JobEvent>?> AppendAsync(JobLease lease, IReadOnlyList<JobEventData> events, CancellationToken cancellationToken = default);

    /// <summary>Ends the job with the worker's outcome, computing the checklist of a success; null when the lease is void.</summary>
    Task<IReadOnlyList<JobEvent>?> CompleteAsync(JobLease lease, JobOutcome outcome, string? candidatePath, CancellationToken cancellationToken = default);

    /// <summary>Makes a worker's running jobs claimable now: the portal's own worker after a restart.</summary>
    Task ReleaseLeasesAsync(string workerId, CancellationToken cancellationToken = default);

    /// <summary>The newest succeeded job with a candidate: the current model until versions are promoted.</summary>
    Task<TrainingJob?> LatestSucceededAsync(CancellationToken cancellationToken = default);

    /// <summary>Live verses in training whose content is not in that job's snapshot (all of them when null).</summary>
    Task<int> NewVersesSinceAsync(long? jobId, CancellationToken cancellationToken = default);

    /// <summary>When the most recent job was queued, for the schedule; null when there has been none.</summary>
    Task<DateTimeOffset?> LastRequestedAtAsync(CancellationToken cancellationToken = default);
}
