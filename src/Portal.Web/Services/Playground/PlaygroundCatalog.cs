using System.Globalization;
using Portal.Core.Playground;
using Portal.Core.Training;
using Portal.Core.Versions;
using Portal.Web.Services.Training;
using Portal.Web.Services.Versions;

namespace Portal.Web.Services.Playground;

/// <summary>
/// The models the playground offers: every promoted version (the live one marked) and the candidates of succeeded
/// jobs that were never promoted and still have their model files.
/// </summary>
public sealed class PlaygroundCatalog(
    IModelVersionStore versions,
    ITrainingJobStore jobs,
    TrainingFolders folders,
    ServingStatusMonitor serving)
{
    /// <summary>Finished jobs looked at for candidates; older ones are long superseded and would only lengthen the picker.</summary>
    private const int RecentJobs = 200;

    /// <summary>The live version first, then every other version newest first, then unpromoted candidates newest first.</summary>
    public async Task<IReadOnlyList<PlaygroundModel>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await versions.ListAsync(cancellationToken);
        var live = LiveNumber(all);
        var promotedJobs = all.Select(v => v.JobId).ToHashSet();
        var candidates = (await jobs.ListAsync(RecentJobs, cancellationToken))
            .Where(job => !promotedJobs.Contains(job.Id) && IsUsableCandidate(job))
            .OrderByDescending(job => job.Id)
            .Select(ForCandidate);
        return all.OrderByDescending(v => v.Number == live).ThenByDescending(v => v.Number)
            .Select(v => ForVersion(v, v.Number == live))
            .Concat(candidates)
            .ToList();
    }

    /// <summary>
    /// The model a choice names, or null when there is none. A promoted job's candidate is still found: a run in the
    /// history that used it before the promotion can be repeated.
    /// </summary>
    public async Task<PlaygroundModel?> FindAsync(ModelChoice choice, CancellationToken cancellationToken = default)
    {
        if (choice.Kind == ModelKind.Candidate)
            return await jobs.FindAsync(choice.Id, cancellationToken) is { } job && IsUsableCandidate(job) ? ForCandidate(job) : null;
        if (choice.Id > int.MaxValue || await versions.FindAsync((int)choice.Id, cancellationToken) is not { } version)
            return null;
        return ForVersion(version, LiveNumber(await versions.ListAsync(cancellationToken)) == version.Number);
    }

    /// <summary>The live version's model; null before the first promotion.</summary>
    public async Task<PlaygroundModel?> LiveAsync(CancellationToken cancellationToken = default)
    {
        var all = await versions.ListAsync(cancellationToken);
        return LiveNumber(all) is { } live ? ForVersion(all.First(v => v.Number == live), isLive: true) : null;
    }

    /// <summary>"v3" or "job 12 candidate": a model's name without "live", which changes with time (the history keeps this one).</summary>
    public static string PlainLabel(ModelChoice choice) =>
        choice.Kind == ModelKind.Version ? choice.ToString() : $"job {choice.Id.ToString(CultureInfo.InvariantCulture)} candidate";

    /// <summary>
    /// The newest version a serving app reports; when no endpoint is configured or none answers, the newest version,
    /// which is what the deploy branch holds and a serving app pulls next.
    /// </summary>
    private int? LiveNumber(IReadOnlyList<ModelVersion> all)
    {
        var reports = serving.Current;
        var served = all.Where(v => LiveVersions.EndpointsServing(v, reports).Count > 0).Select(v => (int?)v.Number).Max();
        return served ?? all.Select(v => (int?)v.Number).Max();
    }

    private bool IsUsableCandidate(TrainingJob job) => job.State == JobState.Succeeded && folders.CompleteCandidate(job) is not null;

    private static PlaygroundModel ForVersion(ModelVersion version, bool isLive) => new(
        ModelChoice.ForVersion(version.Number),
        version.Tag + (isLive ? " · live" : ""),
        version.JobId,
        isLive,
        version.CreatedAt,
        Describe(version));

    private static PlaygroundModel ForCandidate(TrainingJob job) => new(
        ModelChoice.ForCandidate(job.Id),
        PlainLabel(ModelChoice.ForCandidate(job.Id)),
        job.Id,
        IsLive: false,
        job.FinishedAt ?? job.RequestedAt,
        $"Trained on {job.VerseCount} verse{(job.VerseCount == 1 ? "" : "s")}"
            + (job.Metrics?.FinalLoss is { } loss ? $", loss {loss.ToString("0.00", CultureInfo.InvariantCulture)}" : ""));

    private static string? Describe(ModelVersion version) =>
        version.RollbackOf is { } target
            ? $"Rollback to {VersionTag.Of(target)}" + (string.IsNullOrWhiteSpace(version.Note) ? "" : ": " + version.Note)
            : string.IsNullOrWhiteSpace(version.Note) ? null : version.Note;
}
