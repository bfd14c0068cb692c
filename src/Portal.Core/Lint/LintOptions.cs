namespace Portal.Core.Lint;

/// <summary>Thresholds for lint; the defaults suit the notebook's GPT-2 with a 256-token context.</summary>
public sealed record LintOptions
{
    public int MinPromptChars { get; init; } = 12;
    public int MinBars { get; init; } = 4;
    public int MaxBars { get; init; } = 32;

    /// <summary>The model's context window in tokens: a line longer than this can never be seen whole in training.</summary>
    public int ContextTokens { get; init; } = 256;

    /// <summary>Jaccard similarity of word shingles at or above which two verses count as near-duplicates.</summary>
    public double NearDuplicateSimilarity { get; init; } = 0.8;

    /// <summary>Words per shingle: 3 tolerates a changed word or two while unrelated verses rarely share phrases.</summary>
    public int ShingleWords { get; init; } = 3;
}
