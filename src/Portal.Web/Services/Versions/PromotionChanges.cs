using Portal.Core.Training;
using Portal.Core.Versions;

namespace Portal.Web.Services.Versions;

/// <summary>Builds the deploy change of a promotion: manifest.json, MODEL_CARD.md and the VERSION_LOG.md entry.</summary>
internal static class PromotionChanges
{
    /// <param name="previous">The version before this one (its validation loss is the log's "before"); null for the first.</param>
    /// <param name="changes">The dataset change since <paramref name="previous"/>; null for the first version.</param>
    public static PromotionChange Create(
        int number, DateTimeOffset created, string promotedBy, TrainingJob job, string candidateFolder, string note,
        ModelVersion? previous, DatasetDiff? changes)
    {
        ArgumentNullException.ThrowIfNull(job);
        var manifest = new VersionManifest
        {
            Version = number,
            Created = created,
            PromotedBy = promotedBy,
            JobId = job.Id,
            Note = note,
            DatasetHash = job.SnapshotHash,
            VerseCount = job.VerseCount,
            Settings = job.Settings,
            Metrics = job.Metrics,
            Checklist = job.Checklist,
            Files = ManifestFiles.Describe(candidateFolder),
        };
        // The first version has no predecessor to compare with: its own starting loss is the "before".
        var lossBefore = previous is null ? job.Metrics?.InitialLoss : previous.ValidationLoss;
        var entry = VersionLogWriter.Entry(new VersionLogFacts(number, created, promotedBy, changes, lossBefore, job.Metrics?.FinalLoss, note));
        return new PromotionChange(number, promotedBy, DeployMessages.Promotion(number, job.Id, note), candidateFolder, manifest,
            ModelCardWriter.Write(manifest), entry);
    }

    /// <summary>
    /// The change as it was committed, from the version record and the files of its tag: what a retried push applies
    /// again when the remote moved ahead in the meantime.
    /// </summary>
    public static PromotionChange Rebuild(ModelVersion version, string candidateFolder, string manifestJson, string modelCard, string versionLogEntry)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new PromotionChange(version.Number, version.PromotedByName, DeployMessages.Promotion(version.Number, version.JobId, version.Note),
            candidateFolder, ManifestJson.Parse(manifestJson), modelCard, versionLogEntry);
    }

    /// <summary>A rollback: the tree of <paramref name="target"/>'s tag committed again as version <paramref name="number"/>.</summary>
    public static RollbackChange Rollback(int number, string rolledBackBy, int target, string note) =>
        new(number, rolledBackBy, DeployMessages.Rollback(number, target, note), target);
}
