namespace Portal.Core.Verses;

/// <summary>A verse as the library shows it: its text plus who wrote it, when, and whether it trains.</summary>
public sealed record Verse(
    int Id,
    VerseText Text,
    string AuthorId,
    string AuthorName,
    bool IncludeInTraining,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Bars,
    int Tokens,
    int Revision);
