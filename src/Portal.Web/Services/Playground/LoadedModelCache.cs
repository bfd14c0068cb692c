using Microsoft.Extensions.Options;
using Portal.Ml.Model;
using Portal.Web.Options;
using Portal.Web.Services.Training;

namespace Portal.Web.Services.Playground;

/// <summary>
/// The playground's loaded models, one inference thread per model folder, within a memory budget. Loading a model
/// that does not fit evicts the least recently used ones, idle ones first; a model evicted while generations use it
/// keeps serving them and is freed when the last one ends. Requests for a model being loaded share that load.
/// </summary>
/// <param name="modelFiles">Checks a folder against its recorded digests before it is loaded; null: not checked.</param>
public sealed class LoadedModelCache(
    IOptions<PlaygroundOptions> options, TimeProvider clock, ILogger<LoadedModelCache> logger, ModelFolderVerification? modelFiles = null)
    : IAsyncDisposable, IDisposable
{
    private readonly object gate = new();
    private readonly Dictionary<string, LoadedModel> cached = new(StringComparer.Ordinal);

    // Evicted models until their thread has stopped: still in memory, in use or on their way out.
    private readonly HashSet<LoadedModel> retiring = [];
    private long ticks;
    private bool disposed;

    public long BudgetBytes => options.Value.ModelCacheBytes;

    /// <summary>
    /// What a model costs in memory, estimated from its weights file (the weights are most of it; activations and the
    /// key-value cache of a verse-length generation are small beside them). 0 when the file is missing: loading it
    /// then fails with the reason.
    /// </summary>
    public static long CostOf(string folder)
    {
        var weights = new FileInfo(Path.Combine(folder, HfCheckpoint.WeightsFileName));
        return weights.Exists ? weights.Length : 0;
    }

    /// <summary>A hold on the folder's model, loaded (or already loaded) and ready to generate.</summary>
    /// <exception cref="PlaygroundRefusedException">The model is larger than the whole budget (<see cref="PlaygroundRefusal.TooLarge"/>).</exception>
    /// <exception cref="InvalidCheckpointException">The folder is not a loadable model, or its files do not match their recorded digests.</exception>
    public async Task<LoadedModelLease> LeaseAsync(string folder, CancellationToken cancellationToken = default)
    {
        var key = Path.GetFullPath(folder);
        var cost = CostOf(key);
        if (cost > BudgetBytes)
            throw TooLarge(cost);
        // On every lease, not only the first load: the digests are remembered per file version, so this costs a
        // listing, and a file damaged while its model was evicted is caught before the model is loaded again.
        if (modelFiles is not null)
            await modelFiles.EnsureIntactAsync(key, cancellationToken);

        LoadedModel model;
        List<LoadedModel> stop = [];
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!cached.TryGetValue(key, out model!))
            {
                stop = MakeRoom(cost);
                model = new LoadedModel(key, cost, clock.GetUtcNow());
                cached[key] = model;
                logger.LogInformation("Loading the playground model {Folder} ({Megabytes:0.#} MB)", key, cost / 1048576.0);
            }
            model.Acquire(++ticks, clock.GetUtcNow());
        }
        StopAll(stop);

        var lease = new LoadedModelLease(model, Release);
        try
        {
            await model.Loaded.WaitAsync(cancellationToken);
            return lease;
        }
        catch (Exception e)
        {
            lease.Dispose();
            if (e is not OperationCanceledException)
                Forget(model);
            throw;
        }
    }

    /// <summary>Every model in memory: the cached ones, most recently used first, then those evicted but not yet freed.</summary>
    public IReadOnlyList<LoadedModelInfo> Loaded()
    {
        lock (gate)
        {
            return cached.Values.OrderByDescending(m => m.LastUsedTick).Select(m => Describe(m, isCached: true))
                .Concat(retiring.Select(m => Describe(m, isCached: false)))
                .ToList();
        }
    }

    /// <summary>Memory the cached models take, estimated (see <see cref="CostOf"/>).</summary>
    public long UsedBytes()
    {
        lock (gate)
            return cached.Values.Sum(m => m.CostBytes);
    }

    /// <summary>Stops every model, waiting for the generations already queued on them.</summary>
    public async ValueTask DisposeAsync()
    {
        List<LoadedModel> all;
        lock (gate)
        {
            disposed = true;
            all = [.. cached.Values, .. retiring];
            cached.Clear();
            retiring.Clear();
        }
        await Task.WhenAll(all.Select(m => m.StopAsync())).ConfigureAwait(false);
    }

    // A host that disposes its services synchronously (some test beds do) still frees the models.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Evicts least recently used models until <paramref name="cost"/> fits: idle ones first, then ones in use.</summary>
    private List<LoadedModel> MakeRoom(long cost)
    {
        var stop = new List<LoadedModel>();
        var used = cached.Values.Sum(m => m.CostBytes);
        while (used + cost > BudgetBytes && cached.Count > 0)
        {
            var victim = cached.Values.Where(m => m.Leases == 0).MinBy(m => m.LastUsedTick)
                ?? cached.Values.MinBy(m => m.LastUsedTick)!;
            cached.Remove(victim.Folder);
            used -= victim.CostBytes;
            logger.LogInformation("Evicting the playground model {Folder} to make room ({Leases} generations still use it)", victim.Folder, victim.Leases);
            if (Evict(victim))
                stop.Add(victim);
        }
        return stop;
    }

    /// <summary>Under the lock. True when the model is idle and can be stopped now.</summary>
    private bool Evict(LoadedModel model)
    {
        retiring.Add(model);
        return model.Evict();
    }

    private void Release(LoadedModel model)
    {
        bool stop;
        lock (gate)
            stop = model.Release();
        if (stop)
            StopAll([model]);
    }

    /// <summary>A model that failed to load leaves the cache, so that the next request tries again (the files may have been fixed).</summary>
    private void Forget(LoadedModel model)
    {
        bool stop = false;
        lock (gate)
        {
            if (cached.TryGetValue(model.Folder, out var current) && current == model)
            {
                cached.Remove(model.Folder);
                stop = Evict(model);
            }
        }
        if (stop)
            StopAll([model]);
    }

    private void StopAll(IEnumerable<LoadedModel> models)
    {
        foreach (var model in models)
        {
            _ = model.StopAsync().ContinueWith(stopped =>
            {
                lock (gate)
                    retiring.Remove(model);
                if (stopped.Exception is { } failure)
                    logger.LogWarning(failure, "A playground model did not stop cleanly: {Folder}", model.Folder);
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private static LoadedModelInfo Describe(LoadedModel model, bool isCached) =>
        new(model.Folder, model.CostBytes, model.Leases, model.LastUsedAt, isCached);

    private PlaygroundRefusedException TooLarge(long cost) => new(PlaygroundRefusal.TooLarge,
        $"This model needs about {cost / 1048576.0:0.#} MB, more than the playground's whole memory budget of {BudgetBytes / 1048576.0:0.#} MB "
        + $"({PlaygroundOptions.Section}:ModelCacheMegabytes).");
}
