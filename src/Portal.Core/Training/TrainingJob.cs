namespace Portal.Core.Training;

/// <summary>A training job as the portal shows it.</summary>
public sealed record TrainingJob
{
    public long Id { get; init; }
    public required string RequestedById { get; init; }
    public required string RequestedByName { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public RetrainPreset Preset { get; init; }
    public required TrainingSettings Settings { get; init; }

    /// <summary>What the weights start from, in words (e.g. "job 12's model", "base-models/gpt2", "tiny from scratch").</summary>
    public string? StartFrom { get; init; }

    /// <summary>The job whose model was current when this one was queued: Continue mode starts from it, and the
    /// forgetting check compares against it. Null for the first model.</summary>
    public long? PreviousJobId { get; init; }

    public required string SnapshotHash { get; init; }
    public int VerseCount { get; init; }
    public JobState State { get; init; }
    public bool CancelRequested { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>How many times a worker claimed it: above 1 after a worker died or the portal restarted mid-run.</summary>
    public int Attempts { get; init; }
    public string? WorkerId { get; init; }
    public string? FailureReason { get; init; }
    public JobMetrics? Metrics { get; init; }
    public IReadOnlyList<ChecklistItem> Checklist { get; init; } = [];

    /// <summary>The candidate model folder, relative to the data directory, once the job succeeded.</summary>
    public string? CandidatePath { get; init; }

    public long LastSequence { get; init; }
}
