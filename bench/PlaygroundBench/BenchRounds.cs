namespace PlaygroundBench;

/// <summary>Every measured generation of the bench, by path.</summary>
internal sealed record BenchResults(IReadOnlyList<EngineRun> Engine, IReadOnlyList<PortalRun> Stream, IReadOnlyList<PortalRun> Json);

/// <summary>
/// Runs the engine and the two API paths one after another, never two at once: the engine's worker and the portal's
/// cached model share this process's cores, and a generation running beside another would slow both.
/// </summary>
internal sealed class BenchRounds(EngineModel engine, HttpClient api, long candidateJobId)
{
    private const int SeedsToTry = 16;

    /// <summary>
    /// The first seed (1, 2, ...) whose text runs the whole token budget, tried on the engine: a model trained on
    /// verses often ends one early, and a short run would make tokens/s mostly a first-token figure. The longest
    /// otherwise. Doubles as the engine's warm-up.
    /// </summary>
    public async Task<BenchRequest> PickSeedAsync(string prompt, int maxNewTokens, CancellationToken cancellationToken)
    {
        var best = (Request: new BenchRequest(prompt, maxNewTokens, 1), Tokens: -1);
        for (var seed = 1; seed <= SeedsToTry; seed++)
        {
            var request = new BenchRequest(prompt, maxNewTokens, seed);
            var run = await engine.GenerateAsync(request, cancellationToken);
            if (run.Tokens > best.Tokens)
                best = (request, run.Tokens);
            if (run.Tokens >= maxNewTokens)
                break;
        }
        return best.Request;
    }

    /// <summary>
    /// Unmeasured runs through every path (the first API call loads the candidate into the portal's cache, and the
    /// first calls of each path JIT their code), then a check that both paths write the very same text.
    /// </summary>
    public async Task WarmUpAsync(BenchRequest request, int runs, CancellationToken cancellationToken)
    {
        EngineRun? engineRun = null;
        PortalRun? streamRun = null;
        PortalRun? jsonRun = null;
        for (var run = 0; run < runs; run++)
        {
            engineRun = await engine.GenerateAsync(request, cancellationToken);
            streamRun = await PortalGeneration.StreamAsync(api, request.ApiBody(candidateJobId), cancellationToken);
            jsonRun = await PortalGeneration.GenerateAsync(api, request.ApiBody(candidateJobId), cancellationToken);
        }
        if (engineRun is null || streamRun is null || jsonRun is null)
            return;
        if (streamRun.Text != engineRun.Text || jsonRun.Text != engineRun.Text)
            throw new InvalidOperationException(
                $"Same model, prompt, settings and seed, but different text: engine {engineRun.Tokens} tokens, stream {streamRun.Tokens}, JSON {jsonRun.Tokens}. " +
                "The figures would not compare like with like.");
    }

    /// <summary>Rounds alternate the order (engine, stream, JSON, then JSON, stream, engine), so that drift and whatever one run leaves behind fall on every path alike.</summary>
    public async Task<BenchResults> MeasureAsync(BenchRequest request, int rounds, Action<int> onRound, CancellationToken cancellationToken)
    {
        var engineRuns = new List<EngineRun>();
        var streamRuns = new List<PortalRun>();
        var jsonRuns = new List<PortalRun>();
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                engineRuns.Add(await engine.GenerateAsync(request, cancellationToken));
                streamRuns.Add(await PortalGeneration.StreamAsync(api, request.ApiBody(candidateJobId), cancellationToken));
                jsonRuns.Add(await PortalGeneration.GenerateAsync(api, request.ApiBody(candidateJobId), cancellationToken));
            }
            else
            {
                jsonRuns.Add(await PortalGeneration.GenerateAsync(api, request.ApiBody(candidateJobId), cancellationToken));
                streamRuns.Add(await PortalGeneration.StreamAsync(api, request.ApiBody(candidateJobId), cancellationToken));
                engineRuns.Add(await engine.GenerateAsync(request, cancellationToken));
            }
            onRound(round + 1);
        }
        return new BenchResults(engineRuns, streamRuns, jsonRuns);
    }
}
