namespace Portal.Ml.Generation;

/// <summary>
/// How to sample. Temperature 0 is greedy decoding (no randomness); top-k and top-p cut the tail of unlikely tokens
/// before sampling; a repetition penalty above 1 discourages tokens already in the text (CTRL's rule, as in Hugging
/// Face). The same seed with the same model and options gives the same text.
/// </summary>
public sealed record GenerationOptions
{
    public int MaxNewTokens { get; init; } = 200;
    public double Temperature { get; init; } = 0.8;
    public int? TopK { get; init; } = 50;
    public double? TopP { get; init; } = 0.95;
    public double RepetitionPenalty { get; init; } = 1.0;
    public IReadOnlyList<string> StopSequences { get; init; } = [];

    /// <summary>Null draws a fresh seed per request.</summary>
    public long? Seed { get; init; }

    /// <summary>Feed one token per step and reuse earlier keys and values; off recomputes the whole text each step
    /// (kept for the benchmark, and as a reference that the cache changes nothing).</summary>
    public bool UseCache { get; init; } = true;

    public static GenerationOptions Greedy { get; } = new() { Temperature = 0, TopK = null, TopP = null };

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxNewTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(Temperature);
        if (TopK is <= 0)
            throw new ArgumentOutOfRangeException(nameof(TopK), TopK, "Top-k must be positive.");
        if (TopP is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "Top-p must be in (0, 1].");
        if (RepetitionPenalty <= 0)
            throw new ArgumentOutOfRangeException(nameof(RepetitionPenalty), RepetitionPenalty, "The repetition penalty must be positive.");
        if (StopSequences.Any(string.IsNullOrEmpty))
            throw new ArgumentException("Stop sequences cannot be empty.", nameof(StopSequences));
    }
}
