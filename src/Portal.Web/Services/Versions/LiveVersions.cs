using Portal.Core.Versions;

namespace Portal.Web.Services.Versions;

/// <summary>Which version a serving app runs, and which versions hold the same model.</summary>
internal static class LiveVersions
{
    /// <summary>Shortest commit prefix taken as naming a commit (git's own default abbreviation).</summary>
    private const int MinShaPrefix = 7;

    /// <summary>
    /// The endpoints whose last report names this version. The commit decides when the report has one: a rollback's
    /// manifest still carries the number of the version it repeats, its commit does not.
    /// </summary>
    public static IReadOnlyList<string> EndpointsServing(ModelVersion version, IReadOnlyList<ServingEndpointStatus> statuses) =>
        statuses.Where(s => s.Report is { } report && Serves(report, version)).Select(s => s.Url).ToList();

    /// <summary>The version whose files this one carries: itself, or for a rollback the version it (in turn) returned to.</summary>
    public static int ContentOf(ModelVersion version, IReadOnlyList<ModelVersion> all)
    {
        var byNumber = all.ToDictionary(v => v.Number);
        var seen = new HashSet<int>();
        var current = version;
        while (current.RollbackOf is { } target && seen.Add(current.Number) && byNumber.TryGetValue(target, out var earlier))
            current = earlier;
        return current.Number;
    }

    private static bool Serves(ServingReport report, ModelVersion version)
    {
        if (!string.IsNullOrWhiteSpace(report.Commit))
        {
            var commit = report.Commit.Trim();
            return commit.Length >= MinShaPrefix && version.CommitSha.StartsWith(commit, StringComparison.OrdinalIgnoreCase);
        }
        return report.Version == version.Number;
    }
}
