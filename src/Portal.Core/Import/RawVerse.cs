namespace Portal.Core.Import;

/// <summary>
/// A verse's fields as a format reader found them, before validation: every reader fills one of these, and
/// <see cref="ImportItemValidator"/> turns it into an <see cref="ImportItem"/> with the same rules for all formats.
/// </summary>
internal sealed class RawVerse
{
    public string? Prompt { get; set; }
    public string? Lyrics { get; set; }
    public string? Notes { get; set; }
    public List<string> Tags { get; } = [];

    /// <summary>Problems the reader already found (a wrong type, a misplaced line), in the order found.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Fields that already have an error, so that a wrong type is not reported a second time as "missing".</summary>
    public HashSet<VerseField> FieldsWithErrors { get; } = [];

    public void AddError(VerseField field, string message)
    {
        FieldsWithErrors.Add(field);
        Errors.Add(message);
    }
}
