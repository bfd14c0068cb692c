using System.Diagnostics;
using Portal.Core.Playground;
using Portal.Ml.Generation;

namespace Portal.Web.Services.Playground;

/// <summary>
/// One model's part of a run: hold the model in the cache, generate on its inference thread, check the text with the
/// copy guard. Whatever goes wrong with this model becomes its output's error, so that the other models of the run
/// still write.
/// </summary>
public sealed class ModelGeneration(LoadedModelCache cache, CopyGuard copyGuard, ILogger<ModelGeneration> logger)
{
    internal async Task<PlaygroundOutput> GenerateAsync(ModelFolderResolution resolved, string prompt, GenerationOptions options,
        Action<ModelChoice, string>? onText, CancellationToken cancellationToken)
    {
        var model = resolved.Model;
        if (resolved.Folder is not { } folder)
            return Failed(model, resolved.Error ?? "The model's files could not be found.");

        // Built (the first time) while the model writes, not after.
        var index = copyGuard.IndexAsync(model.JobId, folder);
        GenerationResult result;
        TimeSpan queued;
        try
        {
            using var lease = await cache.LeaseAsync(folder, cancellationToken);
            var clock = Stopwatch.StartNew();
            result = await lease.Worker.GenerateAsync(prompt, options, piece => onText?.Invoke(model.Choice, piece), cancellationToken);
            // Time spent waiting behind other writers' generations on the same model is part of what this writer waits.
            queued = clock.Elapsed > result.Elapsed ? clock.Elapsed - result.Elapsed : TimeSpan.Zero;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped while the model was still loading: nothing was written.
            return new PlaygroundOutput(model, "", 0, 0, FinishReason.Cancelled, TimeSpan.Zero, TimeSpan.Zero, CopyFindings.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "{Model} could not generate in the playground", model.Choice);
            return Failed(model, $"{model.Choice} could not generate: {e.Message}");
        }

        return new PlaygroundOutput(
            model,
            result.Text,
            result.PromptTokens,
            result.TokenIds.Count,
            result.Reason,
            result.TokenIds.Count > 0 ? queued + result.TimeToFirstToken : TimeSpan.Zero,
            queued + result.Elapsed,
            await CheckAsync(model, index, result.Text));
    }

    /// <summary>Not cancelled with the run: a stopped output is still shown, and so is what it copied.</summary>
    private async Task<CopyFindings> CheckAsync(PlaygroundModel model, Task<TrainingVerseIndex> index, string text)
    {
        if (text.Length == 0)
            return CopyFindings.None;
        try
        {
            var verses = await index;
            return await Task.Run(() => verses.Check(text));
        }
        catch (Exception e)
        {
            // The text is still the writer's to read: it is shown unchecked (no tokens counted) and the log says why.
            logger.LogError(e, "The copy guard could not check an output of {Model}", model.Choice);
            return CopyFindings.None;
        }
    }

    private static PlaygroundOutput Failed(PlaygroundModel model, string error) =>
        new(model, "", 0, 0, FinishReason.Cancelled, TimeSpan.Zero, TimeSpan.Zero, CopyFindings.None, error);
}
