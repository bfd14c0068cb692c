namespace Portal.Core.Import;

/// <summary>
/// What an import file holds. File errors reject the whole file (nothing is importable, and <see cref="Items"/> is
/// empty); otherwise each item is valid or carries its own errors.
/// </summary>
public sealed record ImportParseResult(VerseFormat? Format, IReadOnlyList<string> FileErrors, IReadOnlyList<ImportItem> Items)
{
    public bool IsFileRejected => FileErrors.Count > 0;

    /// <summary>The file was refused for its size alone (HTTP answers 413 rather than 400).</summary>
    public bool TooLarge { get; init; }

    public IEnumerable<ImportItem> ValidItems => IsFileRejected ? [] : Items.Where(item => item.Verse is not null);

    public IEnumerable<ImportItem> InvalidItems => IsFileRejected ? [] : Items.Where(item => item.Verse is null);

    internal static ImportParseResult Rejected(VerseFormat? format, string error) => new(format, [error], []);

    internal static ImportParseResult Parsed(VerseFormat format, IReadOnlyList<ImportItem> items) => new(format, [], items);
}
