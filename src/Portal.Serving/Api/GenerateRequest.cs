namespace Portal.Serving.Api;

/// <summary>POST /generate. Only the prompt is required; what is left out takes the engine's defaults (see <see cref="GenerateRequestValidator.ToOptions"/>).</summary>
internal sealed record GenerateRequest(
    string? Prompt,
    int? MaxNewTokens = null,
    double? Temperature = null,
    int? TopK = null,
    double? TopP = null,
    double? RepetitionPenalty = null,
    long? Seed = null,
    IReadOnlyList<string>? Stop = null);
