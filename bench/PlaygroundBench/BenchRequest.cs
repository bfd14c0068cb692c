using Portal.Ml.Generation;
using Portal.Ml.Generation.Requests;

namespace PlaygroundBench;

/// <summary>
/// The one generation both paths run: same prompt, settings and seed, and no stop strings, so that both write the
/// same tokens and only the path around the engine differs.
/// </summary>
internal sealed record BenchRequest(string Prompt, int MaxNewTokens, long Seed)
{
    public const string DefaultPrompt = "Reflective verse about a city that hums all night while I write";

    private const double Temperature = 0.8;
    private const int TopK = 50;
    private const double TopP = 0.95;
    private const double RepetitionPenalty = 1.1;

    /// <summary>The engine's options through the same mapping the portal applies to an API request, so that no default can differ.</summary>
    public GenerationOptions EngineOptions() => GenerateRequestValidator.ToOptions(new GenerateRequest
    {
        Prompt = Prompt,
        MaxNewTokens = MaxNewTokens,
        Temperature = Temperature,
        TopK = TopK,
        TopP = TopP,
        RepetitionPenalty = RepetitionPenalty,
        Seed = Seed,
    }, new GenerateLimits());

    /// <summary>The body of POST /api/generate and /api/generate/stream for job <paramref name="candidateJobId"/>'s candidate.</summary>
    public object ApiBody(long candidateJobId) => new
    {
        prompt = Prompt,
        candidate = candidateJobId,
        maxNewTokens = MaxNewTokens,
        temperature = Temperature,
        topK = TopK,
        topP = TopP,
        repetitionPenalty = RepetitionPenalty,
        seed = Seed,
    };
}
