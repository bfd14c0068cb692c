namespace Portal.Core.Playground;

/// <summary>
/// A run of output tokens that also occurs, token for token, in a training verse: tokens
/// [<see cref="Start"/>, <see cref="Start"/> + <see cref="Length"/>) of the output, found at
/// <see cref="VerseStart"/> in verse <see cref="VerseId"/>.
/// </summary>
public sealed record CopiedSpan(int Start, int Length, int VerseId, int VerseStart);

/// <summary>What the copy guard found in one output: the copied spans (in output order, not overlapping) and the share of copied tokens.</summary>
public sealed record CopyReport(IReadOnlyList<CopiedSpan> Spans, int TotalTokens, int CopiedTokens)
{
    public static CopyReport None(int totalTokens) => new([], totalTokens, 0);

    /// <summary>Copied tokens over all tokens of the output; 0 for an empty output.</summary>
    public double Share => TotalTokens == 0 ? 0 : (double)CopiedTokens / TotalTokens;
}
