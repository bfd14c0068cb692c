namespace Portal.Data.Entities;

/// <summary>
/// A writer's pick in a blind comparison. <see cref="RunId"/> names the playground run it was cast on but is no foreign
/// key: the history keeps only each writer's newest runs, and a vote must outlive its run to keep counting.
/// </summary>
public sealed class BlindVoteEntity
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public long RunId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Prompt { get; set; }
    public long Seed { get; set; }
    public List<BlindVoteEntryEntity> Entries { get; set; } = [];
}
