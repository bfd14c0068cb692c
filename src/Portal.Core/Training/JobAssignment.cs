namespace Portal.Core.Training;

/// <summary>A worker's claim on a job. A new claim gets a new <paramref name="LeaseId"/>; an old one is then void.</summary>
public sealed record JobLease(long JobId, string LeaseId);

public enum LeaseStatus
{
    Active,

    /// <summary>Someone pressed Cancel: stop at the next step, keep the checkpoint, report Cancelled.</summary>
    CancelRequested,

    /// <summary>The lease expired and another worker took the job, or the job is gone: stop without reporting.</summary>
    Lost,
}

/// <summary>Everything a worker needs to run a claimed job.</summary>
/// <param name="Attempt">1 for the first claim; higher when resuming after a worker died or the portal restarted.</param>
/// <param name="ProbePrompts">The golden prompts at the time the job was queued.</param>
/// <param name="KnownVerses">A sample of the verses the previous model was trained on, for the forgetting check.</param>
/// <param name="PreviousJobId">The job whose model was current when this one was queued; null for the first model.</param>
public sealed record JobAssignment(
    JobLease Lease,
    TrainingSettings Settings,
    int Attempt,
    IReadOnlyList<SnapshotVerse> Verses,
    IReadOnlyList<string> ProbePrompts,
    IReadOnlyList<SnapshotVerse> KnownVerses,
    long? PreviousJobId)
{
    public long JobId => Lease.JobId;
}

/// <summary>
/// Where a worker reads and writes a job's files, on its own disk. In the portal these are the data directory's own
/// folders; a remote worker downloads and uploads them.
/// </summary>
/// <param name="RunDirectory">Checkpoints (checkpoint.ckpt, best.ckpt) and a scratch model's tokenizer; resume reads from here.</param>
/// <param name="CandidateDirectory">Receives the trained model in Hugging Face layout.</param>
/// <param name="StartModelDirectory">The weights to start from in Base and Continue mode.</param>
/// <param name="PreviousModelDirectory">The previous model, for the forgetting check; null for the first model.</param>
public sealed record JobFiles(string RunDirectory, string CandidateDirectory, string? StartModelDirectory, string? PreviousModelDirectory);

/// <summary>How a run ended, as the worker reports it.</summary>
public sealed record JobOutcome(JobState State, string? FailureReason, JobMetrics? Metrics)
{
    public static JobOutcome Succeeded(JobMetrics metrics) => new(JobState.Succeeded, null, metrics);
    public static JobOutcome Failed(string reason, JobMetrics? metrics = null) => new(JobState.Failed, reason, metrics);
    public static JobOutcome Cancelled(JobMetrics? metrics = null) => new(JobState.Cancelled, null, metrics);
}
