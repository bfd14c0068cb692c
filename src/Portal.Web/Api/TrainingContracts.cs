using Portal.Core.Training;

namespace Portal.Web.Api;

/// <summary>The body of POST /api/training/jobs: a preset ("Quick", "Full", "Scratch", "Custom"), a model size for
/// Scratch, and every setting for Custom.</summary>
public sealed record TrainingJobRequest(RetrainPreset? Preset, string? ModelSize, TrainingSettings? Settings);

/// <summary>The answer to a queued (or joined) job; follow Location for its state.</summary>
public sealed record TrainingJobQueuedResponse(long Id, bool Joined, JobState State, string? StartFrom, int VerseCount);

/// <summary>A job as GET /api/training/jobs/{id} shows it: the same fields as the portal's own TrainingJob.</summary>
public sealed record TrainingJobResponse(
    long Id,
    JobState State,
    RetrainPreset Preset,
    string RequestedById,
    string RequestedByName,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? StartFrom,
    long? PreviousJobId,
    string SnapshotHash,
    int VerseCount,
    bool CancelRequested,
    int Attempts,
    string? WorkerId,
    TrainingSettings Settings,
    JobMetrics? Metrics,
    IReadOnlyList<ChecklistItem> Checklist,
    string? FailureReason,
    string? CandidatePath,
    long LastSequence)
{
    public static TrainingJobResponse From(TrainingJob job) => new(
        job.Id, job.State, job.Preset, job.RequestedById, job.RequestedByName, job.RequestedAt, job.StartedAt, job.FinishedAt,
        job.StartFrom, job.PreviousJobId, job.SnapshotHash, job.VerseCount, job.CancelRequested, job.Attempts, job.WorkerId,
        job.Settings, job.Metrics, job.Checklist, job.FailureReason, job.CandidatePath, job.LastSequence);
}

/// <summary>One file a worker can download, with its hash so that it can skip what it already has.</summary>
public sealed record WorkerFileResponse(string Name, long Size, string Sha256);
