using System.Diagnostics;
using Portal.Ml.Generation;
using Portal.Ml.Model;

namespace PlaygroundBench;

/// <summary>One generation on the engine alone. FirstTokenMs and TokensPerSecond are the engine's own figures
/// (<see cref="GenerationResult"/>); CallerFirstPieceMs is what a caller of the worker sees, its queue hop included.</summary>
internal sealed record EngineRun(double FirstTokenMs, double CallerFirstPieceMs, double ElapsedMs, double TokensPerSecond, int Tokens, FinishReason Finish, string Text);

/// <summary>The candidate folder loaded into an inference worker of this process, the way the playground loads it, but with no portal around it.</summary>
internal sealed class EngineModel : IAsyncDisposable
{
    private readonly InferenceWorker worker;

    private EngineModel(string folder) => worker = new InferenceWorker(() => Load(folder));

    public static EngineModel Open(string folder) => new(folder);

    public async Task<EngineRun> GenerateAsync(BenchRequest request, CancellationToken cancellationToken)
    {
        // Read on the inference thread when the first piece is handed out: a timestamp only, so it never holds the thread up.
        long firstPieceTicks = 0;
        var clock = Stopwatch.StartNew();
        var result = await worker.GenerateAsync(request.Prompt, request.EngineOptions(), _ =>
        {
            if (firstPieceTicks == 0)
                firstPieceTicks = clock.ElapsedTicks;
        }, cancellationToken);
        return new EngineRun(result.TimeToFirstToken.TotalMilliseconds, firstPieceTicks * 1000.0 / Stopwatch.Frequency,
            result.Elapsed.TotalMilliseconds, result.TokensPerSecond, result.TokenIds.Count, result.Reason, result.Text);
    }

    /// <summary>The playground's own loader (files, device, tokenizer against the model), so that both paths run the same weights the same way.</summary>
    private static (Gpt Model, TokenCodec Codec) Load(string folder)
    {
        var (model, tokenizer) = HfModelFolder.Load(folder);
        return (model, TokenCodec.From(tokenizer));
    }

    public ValueTask DisposeAsync() => worker.DisposeAsync();
}
