using Portal.Core.Playground;
using Portal.Core.Training;
using Portal.Core.Versions;
using Portal.Web.Services.Versions;

namespace Portal.Web.Api;

/// <summary>The body of POST /api/versions: the job whose candidate to promote, a note, and an override of failed checklist items (needs the note).</summary>
public sealed record PromoteVersionRequest(long? JobId, string? Note, bool? Override);

/// <summary>The optional body of POST /api/versions/{n}/rollback.</summary>
public sealed record RollbackVersionRequest(string? Note);

/// <summary>
/// A version as the API shows it, with its push state, the serving endpoints that report it live and, in the list,
/// its model's blind votes from the playground (null when it never took part, or when only one version is asked for).
/// </summary>
public sealed record VersionResponse(
    int Number,
    string Tag,
    DateTimeOffset CreatedAt,
    string PromotedById,
    string PromotedByName,
    long JobId,
    int? RollbackOf,
    string Note,
    string DatasetHash,
    int VerseCount,
    double? ValidationLoss,
    IReadOnlyList<ChecklistItem> Checklist,
    bool Overridden,
    string CommitSha,
    PushState PushState,
    string? PushError,
    DateTimeOffset? PushedAt,
    IReadOnlyList<string> LiveOn,
    VoteTally? BlindVotes = null)
{
    public static VersionResponse From(ModelVersion version, IReadOnlyList<string>? liveOn = null, VoteTally? votes = null) => new(
        version.Number, version.Tag, version.CreatedAt, version.PromotedById, version.PromotedByName, version.JobId, version.RollbackOf,
        version.Note, version.DatasetHash, version.VerseCount, version.ValidationLoss, version.Checklist, version.Overridden,
        version.CommitSha, version.PushState, version.PushError, version.PushedAt, liveOn ?? [], votes);

    public static VersionResponse From(VersionRow row) => From(row.Version, row.LiveOn, row.Votes);
}

/// <summary>GET /api/versions/{n}: the version, its MODEL_CARD.md and VERSION_LOG.md entry, and its dataset against the version before.</summary>
public sealed record VersionDetailsResponse(VersionResponse Version, string? ModelCard, string? VersionLogEntry, int? PreviousNumber, DatasetDiffResponse Diff)
{
    public static VersionDetailsResponse From(VersionDetails details, IReadOnlyList<string> liveOn) => new(
        VersionResponse.From(details.Version, liveOn), details.ModelCard, details.VersionLogEntry, details.PreviousNumber,
        DatasetDiffResponse.From(details.Diff));
}

/// <summary>Verses added, edited and removed, by id and prompt (the lyrics stay in the library).</summary>
public sealed record DatasetDiffResponse(IReadOnlyList<DiffVerseResponse> Added, IReadOnlyList<DiffVerseResponse> Edited, IReadOnlyList<DiffVerseResponse> Removed)
{
    public static DatasetDiffResponse From(DatasetDiff diff) => new(Verses(diff.Added), Verses(diff.Edited), Verses(diff.Removed));

    private static List<DiffVerseResponse> Verses(IReadOnlyList<SnapshotVerse> verses) =>
        verses.Select(v => new DiffVerseResponse(v.VerseId, v.Prompt)).ToList();
}

public sealed record DiffVerseResponse(int VerseId, string Prompt);

/// <summary>GET /api/versions/serving: the deploy remote (no credentials) and what each serving endpoint last reported.</summary>
public sealed record ServingResponse(DeployRemoteInfo Remote, IReadOnlyList<ServingEndpointStatus> Endpoints);
