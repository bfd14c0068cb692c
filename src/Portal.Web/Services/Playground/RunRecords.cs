using Portal.Core.Playground;
using Portal.Ml.Generation;

namespace Portal.Web.Services.Playground;

/// <summary>A run as the writer's history keeps it.</summary>
internal static class RunRecords
{
    /// <summary>What a failed output's finish reason reads in the history.</summary>
    public const string ErrorReason = "Error";

    /// <summary>
    /// The settings as a request spells them, every default filled in, so that a run can be asked for again exactly:
    /// top-k 0 means no top-k cut (as in a request), and the seed is the one the run used.
    /// </summary>
    public static SamplingSettings Settings(GenerationOptions options) => new(
        options.MaxNewTokens,
        options.Temperature,
        options.TopK ?? 0,
        options.TopP ?? 1.0,
        options.RepetitionPenalty,
        options.Seed ?? throw new ArgumentException("A recorded run always has its seed.", nameof(options)),
        options.StopSequences);

    public static GenerationOutput Output(PlaygroundOutput output) => new(
        output.Model.Choice,
        // Without "live": the history shows what the model was, and which version is live changes.
        PlaygroundCatalog.PlainLabel(output.Model.Choice),
        output.Text,
        output.GeneratedTokens,
        output.Error is null ? output.FinishReason.ToString() : ErrorReason,
        output.FirstToken.TotalMilliseconds,
        output.TokensPerSecond,
        output.Copy.Share);

    public static NewGeneration Of(string prompt, GenerationOptions options, IEnumerable<PlaygroundOutput> outputs) =>
        new(prompt, Settings(options), outputs.Select(Output).ToList());
}
