using Portal.Ml.Generation;
using Portal.Serving.Inference;

namespace Portal.Serving.Api;

/// <summary>A finished generation, and which version wrote it: the answer of POST /generate and the stream's "done" event.</summary>
internal sealed record GenerateResponse(
    string Text,
    int Version,
    string? Commit,
    int PromptTokens,
    int GeneratedTokens,
    FinishReason FinishReason,
    double FirstTokenMs,
    double TotalMs)
{
    public static GenerateResponse From(GenerationSummary summary, ServedVersion version)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(version);
        return new(summary.Text, version.Version, version.Commit, summary.PromptTokens, summary.GeneratedTokens, summary.FinishReason,
            Math.Round(summary.FirstToken.TotalMilliseconds, 1), Math.Round(summary.Total.TotalMilliseconds, 1));
    }
}
