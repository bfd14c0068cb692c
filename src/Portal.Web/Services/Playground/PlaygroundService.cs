using Portal.Core.Access;
using Portal.Core.Playground;
using Portal.Core.Verses;

namespace Portal.Web.Services.Playground;

/// <summary>
/// Everything the playground page and the generation API do, with the same checks for both: limits, one running
/// generation per writer, the per-writer rate limit, the model cache, the copy guard, the history and blind votes.
/// </summary>
public sealed class PlaygroundService
{
    /// <summary>The models to pick from: the live version first, then every other version newest first, then unpromoted candidates newest first.</summary>
    public Task<IReadOnlyList<PlaygroundModel>> ModelsAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>
    /// Generates with every model of the request on the same prompt, settings and seed (each on its model's own
    /// inference thread), hands each piece of text to <paramref name="onText"/> as it is written (from an inference
    /// thread: hand it on, never wait), checks each output with the copy guard and records the run in the writer's
    /// history. Cancelling stops every model at its next token; what was written so far is returned and recorded.
    /// </summary>
    /// <exception cref="PlaygroundRefusedException">Refused before anything was generated.</exception>
    public Task<PlaygroundRunResult> RunAsync(Actor writer, PlaygroundRunRequest request, Action<ModelChoice, string>? onText,
        CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<GenerationRecord>> HistoryAsync(Actor writer, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>
    /// Records the writer's pick in a blind comparison of run <paramref name="runId"/> (theirs, with two or more
    /// models). False when the run already has a vote.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run is not the writer's, has fewer than two models, or did not use <paramref name="winner"/>.</exception>
    public Task<bool> VoteAsync(Actor writer, long runId, ModelChoice winner, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Blind-vote tallies by the job that trained each model.</summary>
    public Task<IReadOnlyDictionary<long, VoteTally>> VoteTalliesAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>
    /// Saves an output (edited or not) as a new verse of the writer's, excluded from training until they include it,
    /// tagged "draft". The verse goes through the library's usual checks.
    /// </summary>
    public Task<VerseWriteResult> SaveDraftAsync(Actor writer, string prompt, string lyrics, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
