using Portal.Core.Versions;

namespace Portal.Data.Entities;

/// <summary>
/// One promoted version (or rollback), the portal's index of the deploy repository's tags. The checklist is JSON: it
/// is read whole and never queried by its parts. The promoter's name is kept as it was at promotion time, like a
/// commit's author, so the history reads the same after a user is renamed or removed.
/// </summary>
public sealed class ModelVersionEntity
{
    public int Id { get; set; }
    public int Number { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string PromotedById { get; set; }
    public required string PromotedByName { get; set; }
    public long JobId { get; set; }
    public int? RollbackOf { get; set; }
    public required string Note { get; set; }
    public required string DatasetHash { get; set; }
    public int VerseCount { get; set; }
    public double? ValidationLoss { get; set; }
    public required string ChecklistJson { get; set; }
    public bool Overridden { get; set; }
    public required string CommitSha { get; set; }
    public PushState PushState { get; set; }
    public string? PushError { get; set; }
    public DateTimeOffset? PushedAt { get; set; }
}
