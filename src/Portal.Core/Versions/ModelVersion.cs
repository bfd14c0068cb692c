using Portal.Core.Training;

namespace Portal.Core.Versions;

/// <summary>A promoted model (or a rollback), as the Versions page shows it. Version numbers start at 1 and never repeat.</summary>
public sealed record ModelVersion
{
    public int Number { get; init; }
    public string Tag => VersionTag.Of(Number);
    public DateTimeOffset CreatedAt { get; init; }
    public required string PromotedById { get; init; }
    public required string PromotedByName { get; init; }

    /// <summary>The job whose candidate this version is; for a rollback, the job of the version rolled back to.</summary>
    public long JobId { get; init; }

    /// <summary>Set on a rollback: the version whose tree this version repeats.</summary>
    public int? RollbackOf { get; init; }

    public string Note { get; init; } = "";
    public required string DatasetHash { get; init; }
    public int VerseCount { get; init; }

    /// <summary>Loss of this model on its job's held-out verses (the job's final loss).</summary>
    public double? ValidationLoss { get; init; }
    public IReadOnlyList<ChecklistItem> Checklist { get; init; } = [];

    /// <summary>True when the promoter overrode failed checklist items (the note says why).</summary>
    public bool Overridden { get; init; }

    public required string CommitSha { get; init; }
    public PushState PushState { get; init; }

    /// <summary>Why the last push failed, in words a writer can act on; null after a successful push. Never holds a secret.</summary>
    public string? PushError { get; init; }
    public DateTimeOffset? PushedAt { get; init; }
}
