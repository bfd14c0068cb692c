using Portal.Core.Playground;
using Portal.Core.Training;
using Portal.Core.Versions;

namespace Portal.Web.Services.Versions;

/// <summary>
/// A line of the history table: the version, the serving endpoints that report it live, and how its model fared in
/// the playground's blind comparisons (null when it never took part).
/// </summary>
public sealed record VersionRow(ModelVersion Version, IReadOnlyList<string> LiveOn, VoteTally? Votes = null);

/// <summary>
/// One version opened: its MODEL_CARD.md and VERSION_LOG.md entry (markdown, null when the repository has none), and
/// its dataset against the version before it (<paramref name="PreviousNumber"/> null for the first).
/// </summary>
public sealed record VersionDetails(ModelVersion Version, string? ModelCard, string? VersionLogEntry, DatasetDiff Diff, int? PreviousNumber);

/// <summary>
/// What an admin sees before promoting a candidate. <paramref name="Blocker"/> says why it cannot be promoted at all
/// (not succeeded, candidate missing, already promoted); <paramref name="FailedItems"/> need an override and a note.
/// <paramref name="Votes"/> counts the playground's blind comparisons between the candidate (First) and the current
/// version (Second); null when there is no current version.
/// </summary>
public sealed record PromotionGate(TrainingJob Candidate, ModelVersion? Current, IReadOnlyList<ChecklistItem> FailedItems, string? Blocker,
    HeadToHead? Votes = null);

/// <summary>
/// The candidate against the current version on the candidate's held-out verses (per-character loss, so that models
/// with different tokenizers compare fairly) and on the golden prompts, side by side. Losses are null when a model
/// is missing (no current version yet) or there are no held-out verses.
/// </summary>
public sealed record GateComparison(int HeldOutVerses, double? CandidateLoss, double? CurrentLoss, IReadOnlyList<GoldenComparison> Prompts);

/// <summary>What the current version (null before the first) and the candidate write for one golden prompt, same seed.</summary>
public sealed record GoldenComparison(string Prompt, string? Current, string Candidate);

public enum VersionCommandStatus
{
    Done,
    NotFound,
    Forbidden,

    /// <summary>The candidate's checklist has failures and no override with a note was given (FailedItems lists them).</summary>
    ChecklistFailed,

    /// <summary>The request cannot be done as asked (rollback to the current version, a note too long, oversize file...); Message says why.</summary>
    Refused,
}

/// <summary>
/// The outcome of promote, rollback or push retry. A Done promotion whose push failed has Version.PushState
/// Committed and Version.PushError set: it is recorded, and a retry will push it.
/// </summary>
public sealed record VersionCommandResult(VersionCommandStatus Status, ModelVersion? Version = null, string? Message = null, IReadOnlyList<ChecklistItem>? FailedItems = null);

public enum DownloadFormat
{
    Zip,
    Gguf,
}

/// <summary>A file ready to send; the caller deletes <paramref name="FilePath"/> when sent.</summary>
public sealed record ModelDownload(string FilePath, string FileName, string ContentType);

/// <summary>What one configured serving endpoint answered on GET /version at its last poll.</summary>
public sealed record ServingEndpointStatus(string Url, ServingReport? Report, string? Error, DateTimeOffset? CheckedAt);
