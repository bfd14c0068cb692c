namespace Portal.Core.Playground;

/// <summary>
/// A run of output tokens that also occurs, token for token, in a training verse: tokens
/// [<see cref="Start"/>, <see cref="Start"/> + <see cref="Length"/>) of the output, found at
/// <see cref="VerseStart"/> in verse <see cref="VerseId"/>.
/// </summary>
/// <param name="Lead">
/// Tokens just before <see cref="Start"/> that belong to the same copy of the verse but were reported with the span
/// before, where the model was still reciting another verse: the copy of this verse begins at output token
/// <see cref="Start"/> - <see cref="Lead"/> and verse token <see cref="VerseStart"/> - <see cref="Lead"/>.
/// </param>
public sealed record CopiedSpan(int Start, int Length, int VerseId, int VerseStart, int Lead = 0);

/// <summary>What the copy guard found in one output: the copied spans (in output order, not overlapping; a copy that runs on into another verse is one span per verse, touching) and the share of copied tokens.</summary>
public sealed record CopyReport(IReadOnlyList<CopiedSpan> Spans, int TotalTokens, int CopiedTokens)
{
    public static CopyReport None(int totalTokens) => new([], totalTokens, 0);

    /// <summary>Copied tokens over all tokens of the output; 0 for an empty output.</summary>
    public double Share => TotalTokens == 0 ? 0 : (double)CopiedTokens / TotalTokens;
}
