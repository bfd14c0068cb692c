namespace Portal.Data.Entities;

public sealed class VerseEntity
{
    public int Id { get; set; }
    public required string Prompt { get; set; }
    public required string Lyrics { get; set; }

    /// <summary>Tags stored as "|battle|story|" so that a tag filter is a plain LIKE on one column.</summary>
    public string TagsText { get; set; } = "";
    public string? Notes { get; set; }
    public required string AuthorId { get; set; }
    public PortalUser? Author { get; set; }
    public bool IncludeInTraining { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Soft delete, so that "Undo" can bring a verse back exactly as it was.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>SHA-256 of the cleaned prompt and lyrics; unique among live verses (exact duplicates are refused).</summary>
    public required string ContentHash { get; set; }
    public int Bars { get; set; }
    public int Tokens { get; set; }

    /// <summary>Optimistic concurrency: an update names the revision it edited; a stale one is a conflict.</summary>
    public int Revision { get; set; }
}
