using Portal.Core.Training;
using Portal.Data.Entities;

namespace Portal.Data.Training;

/// <summary>Rows of the training tables as the Core records the rest of the portal works with.</summary>
internal static class TrainingJobMapping
{
    public static TrainingJob ToJob(TrainingJobEntity job, string? requestedByName) => new()
    {
        Id = job.Id,
        RequestedById = job.RequestedById,
        RequestedByName = requestedByName ?? "",
        RequestedAt = job.RequestedAt,
        Preset = job.Preset,
        Settings = TrainingJson.Read<TrainingSettings>(job.SettingsJson),
        StartFrom = job.StartFrom,
        PreviousJobId = job.PreviousJobId,
        SnapshotHash = job.SnapshotHash,
        VerseCount = job.VerseCount,
        State = job.State,
        CancelRequested = job.CancelRequested,
        StartedAt = job.StartedAt,
        FinishedAt = job.FinishedAt,
        Attempts = job.Attempts,
        WorkerId = job.WorkerId,
        FailureReason = job.FailureReason,
        Metrics = job.MetricsJson is null ? null : TrainingJson.Read<JobMetrics>(job.MetricsJson),
        Checklist = job.ChecklistJson is null ? [] : TrainingJson.Read<List<ChecklistItem>>(job.ChecklistJson),
        CandidatePath = job.CandidatePath,
        LastSequence = job.LastSequence,
    };

    public static JobEvent ToEvent(TrainingJobEventEntity e) => new(e.JobId, e.Sequence, e.At, TrainingJson.Read<JobEventData>(e.PayloadJson));

    public static SnapshotVerse ToVerse(TrainingSnapshotVerseEntity v) => new(v.VerseId, v.ContentHash, v.Prompt, v.Lyrics);

    public static TrainingSnapshotVerseEntity ToEntity(long jobId, SnapshotVerse v) => new()
    {
        JobId = jobId,
        VerseId = v.VerseId,
        ContentHash = v.ContentHash,
        Prompt = v.Prompt,
        Lyrics = v.Lyrics,
    };
}
