using Portal.Ml.Generation;

namespace Portal.Serving.Inference;

/// <summary>A finished generation as the API reports it.</summary>
internal sealed record GenerationSummary(string Text, int PromptTokens, int GeneratedTokens, FinishReason FinishReason, TimeSpan FirstToken, TimeSpan Total)
{
    public static GenerationSummary From(GenerationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Text, result.PromptTokens, result.TokenIds.Count, result.Reason, result.TimeToFirstToken, result.Elapsed);
    }
}
