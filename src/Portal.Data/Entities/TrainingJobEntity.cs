using Portal.Core.Training;

namespace Portal.Data.Entities;

/// <summary>
/// A queued, running or finished training job. Settings, metrics and checklist are JSON: they are read whole and
/// never queried by their parts.
/// </summary>
public sealed class TrainingJobEntity
{
    public long Id { get; set; }
    public required string RequestedById { get; set; }
    public PortalUser? RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public RetrainPreset Preset { get; set; }
    public required string SettingsJson { get; set; }
    public string? StartFrom { get; set; }
    public long? PreviousJobId { get; set; }
    public required string SnapshotHash { get; set; }
    public int VerseCount { get; set; }

    /// <summary><see cref="Core.Training.JobKey"/> of snapshot, settings and start: a second identical request joins this job.</summary>
    public required string JobKey { get; set; }
    public required string ProbePromptsJson { get; set; }
    public JobState State { get; set; }
    public bool CancelRequested { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Attempts { get; set; }
    public string? WorkerId { get; set; }

    /// <summary>Changes on every claim, so that a worker whose job was taken over can tell its lease is void.</summary>
    public string? LeaseId { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public string? FailureReason { get; set; }
    public string? MetricsJson { get; set; }
    public string? ChecklistJson { get; set; }
    public string? CandidatePath { get; set; }

    /// <summary>The sequence number of the job's newest event; the next one gets this plus one.</summary>
    public long LastSequence { get; set; }
}
