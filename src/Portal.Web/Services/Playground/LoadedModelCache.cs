using Microsoft.Extensions.Options;
using Portal.Ml.Model;
using Portal.Web.Options;
using Portal.Web.Services.Training;

namespace Portal.Web.Services.Playground;

/// <summary>
/// The playground's loaded models, one inference thread per model folder, within a memory budget that counts every
/// model in memory, also those evicted and still stopping. Loading a model that does not fit evicts the least recently
/// used idle ones; when models in use fill the budget, the load waits until a generation lets one go (each generation
/// holds one lease at a time, so the wait always ends). Requests for a model being loaded share that load.
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

    // Completed (and replaced) whenever memory may have been freed: a lease ended or an evicted model stopped.
    private TaskCompletionSource roomMayHaveFreed = new(TaskCreationOptions.RunContinuationsAsynchronously);
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

        var model = await AcquireAsync(key, cost, cancellationToken);

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

    /// <summary>The folder's cached model with one more holder, loading it once there is room for it.</summary>
    private async Task<LoadedModel> AcquireAsync(string key, long cost, CancellationToken cancellationToken)
    {
        var waited = false;
        while (true)
        {
            Task roomFreed;
            List<LoadedModel> stop;
            LoadedModel? loading = null;
            lock (gate)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                if (cached.TryGetValue(key, out var model))
                {
                    model.Acquire(++ticks, clock.GetUtcNow());
                    return model;
                }
                stop = EvictIdleFor(cost);
                if (BytesInMemory() + cost <= BudgetBytes)
                {
                    loading = new LoadedModel(key, cost, clock.GetUtcNow());
                    cached[key] = loading;
                    loading.Acquire(++ticks, clock.GetUtcNow());
                    logger.LogInformation("Loading the playground model {Folder} ({Megabytes:0.#} MB)", key, cost / 1048576.0);
                }
                roomFreed = roomMayHaveFreed.Task;
            }
            // Stopping models waits on their threads: never under the lock.
            StopAll(stop);
            if (loading is not null)
                return loading;
            if (!waited)
                logger.LogInformation("The playground model {Folder} waits for models in use to make room", key);
            waited = true;
            await roomFreed.WaitAsync(cancellationToken);
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

    /// <summary>Memory the models take, cached or evicted and still stopping, estimated (see <see cref="CostOf"/>).</summary>
    public long UsedBytes()
    {
        lock (gate)
            return BytesInMemory();
    }

    /// <summary>Under the lock.</summary>
    private long BytesInMemory() => cached.Values.Sum(m => m.CostBytes) + retiring.Sum(m => m.CostBytes);

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
            // Loads waiting for room look again and find the cache closed.
            SignalRoom();
        }
        await Task.WhenAll(all.Select(m => m.StopAsync())).ConfigureAwait(false);
    }

    // A host that disposes its services synchronously (some test beds do) still frees the models.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Under the lock. Evicts least recently used idle models until <paramref name="cost"/> fits. Models in use stay:
    /// evicting one would keep its memory until its generations end while loading another beside it.
    /// </summary>
    private List<LoadedModel> EvictIdleFor(long cost)
    {
        var stop = new List<LoadedModel>();
        // Models already evicted free their memory by themselves, so only the cached ones need to make room.
        while (cached.Values.Sum(m => m.CostBytes) + cost > BudgetBytes
            && cached.Values.Where(m => m.Leases == 0).MinBy(m => m.LastUsedTick) is { } victim)
        {
            cached.Remove(victim.Folder);
            logger.LogInformation("Evicting the idle playground model {Folder} to make room", victim.Folder);
            if (Evict(victim))
                stop.Add(victim);
        }
        return stop;
    }

    /// <summary>Under the lock: wakes the loads waiting for room, to look again.</summary>
    private void SignalRoom()
    {
        var waiting = roomMayHaveFreed;
        roomMayHaveFreed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting.TrySetResult();
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
        {
            stop = model.Release();
            if (model.Leases == 0)
                SignalRoom();
        }
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
                {
                    retiring.Remove(model);
                    SignalRoom();
                }
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
