namespace Portal.Data.Entities;

/// <summary>
/// A verse as it was when a job was queued. Written once and never changed: editing or deleting the live verse
/// must not change what a job trained on, so there is no foreign key to Verses.
/// </summary>
public sealed class TrainingSnapshotVerseEntity
{
    public long JobId { get; set; }
    public int VerseId { get; set; }
    public required string ContentHash { get; set; }
    public required string Prompt { get; set; }
    public required string Lyrics { get; set; }
}
