namespace Portal.Ml.Generation.Requests;

/// <summary>
/// A generation as a client asks for it (the serving app's POST /generate, the portal's playground and API). Only
/// the prompt is required; what is left out takes the engine's defaults (see <see cref="GenerateRequestValidator.ToOptions"/>).
/// Not sealed: the portal's request adds which model to use.
/// </summary>
public record GenerateRequest
{
    public string? Prompt { get; init; }

    public int? MaxNewTokens { get; init; }

    public double? Temperature { get; init; }

    public int? TopK { get; init; }

    public double? TopP { get; init; }

    public double? RepetitionPenalty { get; init; }

    public long? Seed { get; init; }

    public IReadOnlyList<string>? Stop { get; init; }
}
