using Microsoft.Extensions.Options;
using Portal.Core.Access;
using Portal.Core.Import;
using Portal.Core.Playground;
using Portal.Core.Verses;
using Portal.Data.Verses;
using Portal.Web.Options;

namespace Portal.Web.Services.Playground;

/// <summary>
/// Everything the playground page and the generation API do, with the same checks for both: limits, one running
/// generation per writer, the per-writer rate limit, the model cache, the copy guard, the history and blind votes.
/// </summary>
public sealed class PlaygroundService(
    PlaygroundCatalog catalog,
    PlaygroundRunner runner,
    PlaygroundVotes votes,
    IGenerationHistoryStore history,
    VerseStore verses,
    IOptions<PlaygroundOptions> options,
    IOptions<ImportLimits> importLimits)
{
    /// <summary>The tag a saved output carries in the library.</summary>
    public const string DraftTag = "draft";

    /// <summary>The models to pick from: the live version first, then every other version newest first, then unpromoted candidates newest first.</summary>
    public Task<IReadOnlyList<PlaygroundModel>> ModelsAsync(CancellationToken cancellationToken = default) =>
        catalog.ListAsync(cancellationToken);

    /// <summary>The live version's model, which a request naming no model uses; null before the first promotion.</summary>
    public Task<PlaygroundModel?> LiveModelAsync(CancellationToken cancellationToken = default) =>
        catalog.LiveAsync(cancellationToken);

    /// <summary>
    /// Generates with every model of the request on the same prompt, settings and seed (each on its model's own
    /// inference thread), hands each piece of text to <paramref name="onText"/> as it is written (from an inference
    /// thread: hand it on, never wait), checks each output with the copy guard and records the run in the writer's
    /// history. Cancelling stops every model at its next token; what was written so far is returned and recorded.
    /// </summary>
    /// <exception cref="PlaygroundRefusedException">Refused before anything was generated.</exception>
    public async Task<PlaygroundRunResult> RunAsync(Actor writer, PlaygroundRunRequest request, Action<ModelChoice, string>? onText,
        CancellationToken cancellationToken = default) =>
        await (await runner.StartAsync(writer, request, onText, cancellationToken)).Completion;

    /// <summary>
    /// As <see cref="RunAsync"/>, but returns as soon as the run passed its checks and started: for callers that must
    /// answer a refusal differently from a failure while generating (the streaming API answers the first with a status code).
    /// </summary>
    /// <exception cref="PlaygroundRefusedException">Refused before anything was generated.</exception>
    public Task<PlaygroundRun> StartAsync(Actor writer, PlaygroundRunRequest request, Action<ModelChoice, string>? onText,
        CancellationToken cancellationToken = default) =>
        runner.StartAsync(writer, request, onText, cancellationToken);

    public Task<IReadOnlyList<GenerationRecord>> HistoryAsync(Actor writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return history.RecentAsync(writer.UserId, options.Value.HistorySize, cancellationToken);
    }

    /// <summary>
    /// Records the writer's pick in a blind comparison of run <paramref name="runId"/> (theirs, with two or more
    /// models). False when the run already has a vote.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run is not the writer's, has fewer than two models, or did not use <paramref name="winner"/>.</exception>
    public Task<bool> VoteAsync(Actor writer, long runId, ModelChoice winner, CancellationToken cancellationToken = default) =>
        votes.VoteAsync(writer, runId, winner, cancellationToken);

    /// <summary>Blind-vote tallies by the job that trained each model.</summary>
    public Task<IReadOnlyDictionary<long, VoteTally>> VoteTalliesAsync(CancellationToken cancellationToken = default) =>
        votes.TalliesAsync(cancellationToken);

    /// <summary>
    /// Saves an output (edited or not) as a new verse of the writer's, excluded from training until they include it,
    /// tagged "draft". The verse goes through the library's usual checks.
    /// </summary>
    public async Task<VerseWriteResult> SaveDraftAsync(Actor writer, string prompt, string lyrics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        // The verse API's rules (which judge the text as the library cleans and stores it), then the store's own.
        var text = new VerseText(prompt ?? "", lyrics ?? "", [DraftTag]);
        var errors = VerseValidator.Validate(text, importLimits.Value);
        if (errors.Count > 0)
            return VerseWriteResult.Invalid(string.Join(" ", errors));
        return await verses.AddAsync(text, writer, includeInTraining: false, cancellationToken);
    }
}
