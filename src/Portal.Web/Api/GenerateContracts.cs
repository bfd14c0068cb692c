using Portal.Ml.Generation.Requests;
using Portal.Web.Services.Playground;

namespace Portal.Web.Api;

/// <summary>
/// The body of POST /api/generate and /api/generate/stream: the prompt and sampling settings, and at most one of
/// <see cref="Version"/> (3), <see cref="Candidate"/> (a job id) or <see cref="Model"/> ("v3", "job-12"). None means
/// the live version.
/// </summary>
public sealed record GenerateApiRequest : GenerateRequest
{
    public int? Version { get; init; }

    public long? Candidate { get; init; }

    public string? Model { get; init; }
}

/// <summary>A finished generation: the answer of POST /api/generate and the stream's "done" event.</summary>
public sealed record GenerateApiResponse(
    string Model,
    string Label,
    string Text,
    long Seed,
    int PromptTokens,
    int GeneratedTokens,
    string FinishReason,
    double FirstTokenMs,
    double TotalMs,
    double TokensPerSecond,
    GenerateCopyResponse Copy,
    long RunId)
{
    public static GenerateApiResponse From(PlaygroundRunResult run, PlaygroundOutput output)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(output);
        return new(
            output.Model.Choice.ToString(),
            output.Model.Label,
            output.Text,
            run.Seed,
            output.PromptTokens,
            output.GeneratedTokens,
            output.FinishReason.ToString(),
            Math.Round(output.FirstToken.TotalMilliseconds, 1),
            Math.Round(output.Total.TotalMilliseconds, 1),
            Math.Round(output.TokensPerSecond, 1),
            GenerateCopyResponse.From(output.Copy),
            run.RunId);
    }
}

/// <summary>The copy guard's findings: passages are character ranges of the text, with the words as the verse has them.</summary>
public sealed record GenerateCopyResponse(double Share, int CopiedTokens, int TotalTokens, IReadOnlyList<GeneratePassageResponse> Passages)
{
    public static GenerateCopyResponse From(CopyFindings copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        return new(Math.Round(copy.Share, 4), copy.CopiedTokens, copy.TotalTokens,
            copy.Passages.Select(p => new GeneratePassageResponse(p.Start, p.Length, p.VerseId, p.VerseExcerpt)).ToList());
    }
}

public sealed record GeneratePassageResponse(int Start, int Length, int VerseId, string Excerpt);

/// <summary>A "data" event of POST /api/generate/stream: the next piece of text.</summary>
public sealed record GenerateStreamText(string Text);

/// <summary>The "error" event of POST /api/generate/stream: the generation failed after the stream began.</summary>
public sealed record GenerateStreamError(string Message);
