using Portal.Ml.Generation;

namespace Portal.Web.Services.Playground;

/// <summary>
/// A passage of an output that repeats a training verse: characters [Start, Start + Length) of the output's text, and
/// <see cref="VerseExcerpt"/>, the verse's words the copy repeats. The excerpt ends where the passage ends; it starts
/// earlier when the copy ran on from the passage before, through words both verses share.
/// </summary>
public sealed record CopiedPassage(int Start, int Length, int VerseId, string VerseExcerpt);

/// <summary>The copy guard's findings on one output.</summary>
public sealed record CopyFindings(double Share, int CopiedTokens, int TotalTokens, IReadOnlyList<CopiedPassage> Passages)
{
    public static CopyFindings None { get; } = new(0, 0, 0, []);
}

/// <summary>What one model wrote in a run, with its timings and the copy guard's findings; <see cref="Error"/> when this model could not generate.</summary>
public sealed record PlaygroundOutput(
    PlaygroundModel Model,
    string Text,
    int PromptTokens,
    int GeneratedTokens,
    FinishReason FinishReason,
    TimeSpan FirstToken,
    TimeSpan Total,
    CopyFindings Copy,
    string? Error = null)
{
    public double TokensPerSecond => Total > TimeSpan.Zero ? GeneratedTokens / Total.TotalSeconds : 0;
}

/// <summary>A finished run: its id in the writer's history, the seed every model used, and each model's output in the order asked.</summary>
public sealed record PlaygroundRunResult(long RunId, long Seed, IReadOnlyList<PlaygroundOutput> Outputs);
