namespace Portal.Ml.Generation;

/// <summary>A finished generation: the text (lyrics only, without prompt or stop sequence) and how it came about.</summary>
public sealed record GenerationResult(
    string Text,
    IReadOnlyList<int> TokenIds,
    int PromptTokens,
    FinishReason Reason,
    TimeSpan TimeToFirstToken,
    TimeSpan Elapsed)
{
    public double TokensPerSecond => Elapsed > TimeSpan.Zero ? TokenIds.Count / Elapsed.TotalSeconds : 0;
}
