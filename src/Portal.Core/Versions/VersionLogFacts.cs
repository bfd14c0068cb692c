namespace Portal.Core.Versions;

/// <summary>
/// What one entry of VERSION_LOG.md says. <paramref name="Changes"/> is the dataset change since the previous version,
/// null for the first version (there is nothing to compare with). <paramref name="RollbackOf"/> is set on a rollback.
/// </summary>
public sealed record VersionLogFacts(
    int Version, DateTimeOffset Date, string Who, DatasetDiff? Changes, double? LossBefore, double? LossAfter, string Note, int? RollbackOf = null);
