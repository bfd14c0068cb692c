namespace Portal.Core.Playground;

/// <summary>
/// The training verses of one model, as token ids, indexed so that an output can be checked for runs of
/// <see cref="MinTokens"/> or more consecutive tokens that repeat a verse: the model reciting instead of writing.
/// Built once per model and shared by every check (immutable, safe across threads).
/// </summary>
public sealed class CopyIndex
{
    /// <summary>The shortest run reported: shorter repeats are common phrases, not copying.</summary>
    public const int DefaultMinTokens = 8;

    public int MinTokens { get; }

    private CopyIndex(int minTokens) => MinTokens = minTokens;

    public static CopyIndex Build(IEnumerable<(int VerseId, IReadOnlyList<int> Tokens)> verses, int minTokens = DefaultMinTokens) =>
        throw new NotImplementedException();

    /// <summary>The maximal copied spans of <paramref name="output"/>; overlapping matches merge into one span.</summary>
    public CopyReport Find(IReadOnlyList<int> output) => throw new NotImplementedException();
}
