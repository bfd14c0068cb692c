namespace Portal.Core.Import;

/// <summary>
/// Bounds on what one import may cost. Each is checked before the work it guards, so a hostile or mistaken file is
/// refused quickly instead of exhausting memory, stack or patience.
/// </summary>
public sealed record ImportLimits
{
    public long MaxBytes { get; init; } = 16 * 1024 * 1024;
    public int MaxItems { get; init; } = 20_000;
    public int MaxPromptChars { get; init; } = 1_000;
    public int MaxLyricsChars { get; init; } = 10_000;
    public int MaxNotesChars { get; init; } = 4_000;

    /// <summary>How deeply JSON may nest; a verse inside {"verses": [...]} with a tags list needs 4.</summary>
    public int MaxDepth { get; init; } = 8;

    internal void EnsureUsable()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxItems);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPromptChars);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLyricsChars);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxNotesChars);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDepth);
    }
}
