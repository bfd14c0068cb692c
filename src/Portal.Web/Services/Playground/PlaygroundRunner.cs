using System.Globalization;
using Microsoft.Extensions.Options;
using Portal.Core.Access;
using Portal.Core.Playground;
using Portal.Ml.Generation;
using Portal.Ml.Generation.Requests;
using Portal.Web.Options;

namespace Portal.Web.Services.Playground;

/// <summary>
/// Starts playground runs after the checks every door shares (limits, known models, one run per writer, the rate
/// limit, the memory budget), then lets every model of the run write side by side and records the run.
/// </summary>
public sealed class PlaygroundRunner(
    PlaygroundCatalog catalog,
    PlaygroundModelFolders folders,
    LoadedModelCache cache,
    ModelGeneration generation,
    WriterRunSlots slots,
    GenerationCapacity capacity,
    WriterRateLimiter rateLimiter,
    IGenerationHistoryStore history,
    IOptions<PlaygroundOptions> options,
    ILogger<PlaygroundRunner> logger)
{
    public const string BusyMessage = "You already have a generation running; stop it or wait for it to finish.";

    /// <summary>A verse-length generation takes a second or two at most, so one of the runs holding the machine is done by then.</summary>
    public static readonly TimeSpan AtCapacityRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Checks the run and starts it. Returns once every model is on its way; the run's <see cref="PlaygroundRun.Completion"/>
    /// ends when all are done and the run is in the writer's history. Cancelling stops the models at their next token.
    /// </summary>
    /// <exception cref="PlaygroundRefusedException">Refused before anything was generated.</exception>
    public async Task<PlaygroundRun> StartAsync(Actor writer, PlaygroundRunRequest request, Action<ModelChoice, string>? onText,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var choices = Validate(request, settings);

        // The refusals a burst meets most come first and touch no database: under a burst they are nearly every
        // request, and the CPU they take is taken from the runs that were let in.
        var slot = slots.TryTake(writer.UserId) ?? throw new PlaygroundRefusedException(PlaygroundRefusal.Busy, BusyMessage);
        IDisposable? room = null;
        try
        {
            // Before the rate limit: a run the machine has no room for does not use up one of the writer's.
            room = capacity.TryTake(choices.Count) ?? throw AtCapacity(choices.Count);
            if (!rateLimiter.TryAcquire(writer.UserId, out var retryAfter))
                throw RateLimited(retryAfter);

            var models = new List<PlaygroundModel>(choices.Count);
            foreach (var choice in choices)
            {
                models.Add(await catalog.FindAsync(choice, cancellationToken)
                    ?? throw new PlaygroundRefusedException(PlaygroundRefusal.UnknownModel,
                        $"There is no model {choice}: pick a version or a finished job's candidate from the list."));
            }
            var resolved = await Task.WhenAll(models.Select(model => ResolveAsync(model, cancellationToken)));
            foreach (var model in resolved)
                EnsureFits(model);

            var seed = request.Sampling.Seed ?? PlaygroundSeeds.Draw();
            var generationOptions = GenerateRequestValidator.ToOptions(request.Sampling with { Seed = seed }, settings.Limits);
            var prompt = request.Sampling.Prompt!;
            var completion = RunAsync(writer, resolved, prompt, generationOptions, onText, new Holds(slot, room), cancellationToken);
            return new PlaygroundRun(seed, models, completion);
        }
        catch
        {
            room?.Dispose();
            slot.Dispose();
            throw;
        }
    }

    private static List<ModelChoice> Validate(PlaygroundRunRequest request, PlaygroundOptions settings)
    {
        var problems = GenerateRequestValidator.Problems(request.Sampling, settings.Limits);
        var choices = (request.Models ?? []).Distinct().ToList();
        if (choices.Count == 0)
            problems["models"] = ["Pick at least one model."];
        else if (choices.Count > settings.MaxModelsPerRun)
            problems["models"] = [$"A run compares at most {settings.MaxModelsPerRun} models; {choices.Count} were picked."];
        if (problems.Count > 0)
            throw new PlaygroundRefusedException(PlaygroundRefusal.Invalid, string.Join(" ", problems.Values.SelectMany(m => m)), problems);
        return choices;
    }

    private async Task<ModelFolderResolution> ResolveAsync(PlaygroundModel model, CancellationToken cancellationToken)
    {
        try
        {
            return new(model, await folders.ResolveAsync(model.Choice, cancellationToken), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The files of {Model} could not be found for the playground", model.Choice);
            return new(model, null, $"{model.Choice}'s model files could not be found: {e.Message}");
        }
    }

    private void EnsureFits(ModelFolderResolution resolved)
    {
        if (resolved.Folder is not { } folder)
            return;
        var cost = LoadedModelCache.CostOf(folder);
        if (cost <= cache.BudgetBytes)
            return;
        throw new PlaygroundRefusedException(PlaygroundRefusal.TooLarge,
            $"{resolved.Model.Choice} needs about {Megabytes(cost)} MB of memory, more than the playground may use for all its models "
            + $"({Megabytes(cache.BudgetBytes)} MB, set by {PlaygroundOptions.Section}:ModelCacheMegabytes).");
    }

    private async Task<PlaygroundRunResult> RunAsync(Actor writer, IReadOnlyList<ModelFolderResolution> models, string prompt,
        GenerationOptions generationOptions, Action<ModelChoice, string>? onText, Holds holds, CancellationToken cancellationToken)
    {
        PlaygroundOutput[] outputs;
        try
        {
            outputs = await Task.WhenAll(models.Select(model => generation.GenerateAsync(model, prompt, generationOptions, onText, cancellationToken)));
        }
        finally
        {
            // The writer's generation is over once the models are done: recording it keeps neither them nor others waiting.
            holds.Dispose();
        }

        try
        {
            // Recorded even when stopped (the writer may want what was written), so not with the run's token.
            var record = await history.AddAsync(writer.UserId, RunRecords.Of(prompt, generationOptions, outputs), options.Value.HistorySize, CancellationToken.None);
            return new PlaygroundRunResult(record.Id, generationOptions.Seed!.Value, outputs);
        }
        catch (Exception e)
        {
            logger.LogError(e, "A playground run of {User} could not be recorded", writer.UserName);
            throw;
        }
    }

    private PlaygroundRefusedException AtCapacity(int models)
    {
        var generating = capacity.InUse;
        var need = models > 1 ? $", and this comparison needs room for {Math.Min(models, capacity.Limit)}" : "";
        return new PlaygroundRefusedException(PlaygroundRefusal.AtCapacity,
            $"The playground is busy: {generating} of the {capacity.Limit} generations this server runs at full speed are going{need}. Try again in a moment.",
            retryAfter: AtCapacityRetryAfter);
    }

    private PlaygroundRefusedException RateLimited(TimeSpan retryAfter)
    {
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        return new PlaygroundRefusedException(PlaygroundRefusal.RateLimited,
            $"You can start {rateLimiter.PerMinute} generations a minute and have used them all; try again in {seconds} second{(seconds == 1 ? "" : "s")}.",
            retryAfter: TimeSpan.FromSeconds(seconds));
    }

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The writer's run slot and the machine's room for the run's models, let go together.</summary>
    private sealed class Holds(IDisposable slot, IDisposable room) : IDisposable
    {
        public void Dispose()
        {
            room.Dispose();
            slot.Dispose();
        }
    }
}
