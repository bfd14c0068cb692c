namespace Portal.Core.Lint;

/// <summary>Lint for a whole corpus: findings by verse id, holding only verses that have findings.</summary>
public sealed record CorpusLintReport(IReadOnlyDictionary<int, IReadOnlyList<LintFinding>> FindingsByVerse)
{
    public int VersesWithFindings => FindingsByVerse.Values.Count(findings => findings.Count > 0);

    /// <summary>How many findings carry <paramref name="code"/>, across all verses.</summary>
    public int Count(string code) =>
        FindingsByVerse.Values.Sum(findings => findings.Count(finding => string.Equals(finding.Code, code, StringComparison.Ordinal)));

    public IReadOnlyList<LintFinding> For(int verseId) => FindingsByVerse.TryGetValue(verseId, out var findings) ? findings : [];
}
