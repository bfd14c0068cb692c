namespace Portal.Core.Playground;

/// <summary>
/// The sampling settings of one playground run as the history keeps them, so that a run can be repeated exactly.
/// The seed is always set: a run without one is given a fresh seed, recorded here.
/// </summary>
public sealed record SamplingSettings(
    int MaxNewTokens,
    double Temperature,
    int? TopK,
    double? TopP,
    double RepetitionPenalty,
    long Seed,
    IReadOnlyList<string> Stop);
