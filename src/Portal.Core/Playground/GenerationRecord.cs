namespace Portal.Core.Playground;

/// <summary>One model's output within a recorded playground run.</summary>
public sealed record GenerationOutput(
    ModelChoice Model,
    string Label,
    string Text,
    int GeneratedTokens,
    string FinishReason,
    double FirstTokenMs,
    double TokensPerSecond,
    double CopiedShare);

/// <summary>A run a writer made in the playground: the prompt, its settings and what each model wrote.</summary>
public sealed record GenerationRecord(
    long Id,
    string UserId,
    DateTimeOffset CreatedAt,
    string Prompt,
    SamplingSettings Settings,
    IReadOnlyList<GenerationOutput> Outputs);

/// <summary>A run to record; the store assigns the id and the time.</summary>
public sealed record NewGeneration(string Prompt, SamplingSettings Settings, IReadOnlyList<GenerationOutput> Outputs);
