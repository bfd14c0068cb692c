using Microsoft.EntityFrameworkCore;
using Portal.Core.Training;
using Portal.Data.Entities;

namespace Portal.Data.Training;

/// <summary>Gathers what a worker needs for a job it has just claimed.</summary>
internal static class JobAssignmentReader
{
    /// <summary>
    /// How many of the previous model's verses the forgetting check measures: enough for a steady mean loss, few
    /// enough that measuring two models on them takes seconds.
    /// </summary>
    public const int KnownVerseSample = 64;

    public static async Task<JobAssignment> ReadAsync(PortalDbContext db, TrainingJobEntity job, CancellationToken cancellationToken)
    {
        var lease = new JobLease(job.Id, job.LeaseId ?? throw new InvalidOperationException($"Job {job.Id} has no lease to assign."));
        var verses = await db.TrainingSnapshotVerses.AsNoTracking()
            .Where(v => v.JobId == job.Id)
            .OrderBy(v => v.VerseId)
            .ToListAsync(cancellationToken);
        return new JobAssignment(
            lease,
            TrainingJson.Read<TrainingSettings>(job.SettingsJson),
            job.Attempts,
            verses.Select(TrainingJobMapping.ToVerse).ToList(),
            TrainingJson.Read<List<string>>(job.ProbePromptsJson),
            await KnownVersesAsync(db, job.PreviousJobId, cancellationToken),
            job.PreviousJobId);
    }

    /// <summary>Ordered by content hash: a fixed sample that is not biased towards the oldest or newest verses, and
    /// the same on every attempt, so that a resumed job measures forgetting on the same verses.</summary>
    private static async Task<IReadOnlyList<SnapshotVerse>> KnownVersesAsync(PortalDbContext db, long? previousJobId, CancellationToken cancellationToken)
    {
        if (previousJobId is not { } previous)
            return [];
        var known = await db.TrainingSnapshotVerses.AsNoTracking()
            .Where(v => v.JobId == previous)
            .OrderBy(v => v.ContentHash)
            .Take(KnownVerseSample)
            .ToListAsync(cancellationToken);
        return known.Select(TrainingJobMapping.ToVerse).ToList();
    }
}
