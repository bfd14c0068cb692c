namespace Portal.Core.Verses;

public enum VerseWriteStatus { Ok, NotFound, Forbidden, Conflict, Duplicate, Invalid }

/// <summary>
/// The outcome of a change to a verse. Conflict carries the version that won, so that the writer can compare
/// and keep their work instead of losing it.
/// </summary>
public sealed record VerseWriteResult(VerseWriteStatus Status, Verse? Verse = null, string? Message = null, int? DuplicateOfId = null)
{
    public bool Succeeded => Status == VerseWriteStatus.Ok;

    public static VerseWriteResult Ok(Verse verse) => new(VerseWriteStatus.Ok, verse);
    public static VerseWriteResult NotFound(int id) => new(VerseWriteStatus.NotFound, Message: $"Verse {id} does not exist.");
    public static VerseWriteResult Forbidden() => new(VerseWriteStatus.Forbidden, Message: "You can only change your own verses.");
    public static VerseWriteResult Conflict(Verse current) =>
        new(VerseWriteStatus.Conflict, current, "Someone else changed this verse while you were editing it. Their version is shown; your text is kept in the form.");
    public static VerseWriteResult Duplicate(int existingId) =>
        new(VerseWriteStatus.Duplicate, Message: $"An identical verse already exists (#{existingId}).", DuplicateOfId: existingId);
    public static VerseWriteResult Invalid(string message) => new(VerseWriteStatus.Invalid, Message: message);
}
