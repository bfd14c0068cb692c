using Portal.Ml.Generation;
using Portal.Ml.Model;

namespace Portal.Web.Services.Playground;

/// <summary>
/// One model folder loaded on its own inference thread, counted by the generations holding it. Once evicted from the
/// cache it takes no new holders, and its thread stops (freeing the weights) when the last holder lets go.
/// </summary>
internal sealed class LoadedModel
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lazy<Task> _stopped;
    private int _leases;
    private bool _evicted;

    public LoadedModel(string folder, long costBytes, DateTimeOffset now)
    {
        Folder = folder;
        CostBytes = costBytes;
        LastUsedAt = now;
        Worker = new InferenceWorker(Load);
        _stopped = new Lazy<Task>(() => Worker.DisposeAsync().AsTask());
    }

    public string Folder { get; }

    public long CostBytes { get; }

    public InferenceWorker Worker { get; }

    /// <summary>Completes when the weights are on the device; faults with the reason they could not be loaded.</summary>
    public Task Loaded => _loaded.Task;

    /// <summary>Orders eviction; a counter rather than the clock, so that two uses in the same tick still have an order.</summary>
    public long LastUsedTick { get; private set; }

    public DateTimeOffset LastUsedAt { get; private set; }

    public int Leases => Volatile.Read(ref _leases);

    // Callers hold the cache's lock for the members below.
    public void Acquire(long tick, DateTimeOffset now)
    {
        _leases++;
        LastUsedTick = tick;
        LastUsedAt = now;
    }

    /// <returns>True when this was the last holder of an evicted model: the caller stops it.</returns>
    public bool Release()
    {
        _leases--;
        return _evicted && _leases == 0;
    }

    /// <returns>True when nobody holds the model: the caller stops it now; otherwise its last holder will.</returns>
    public bool Evict()
    {
        _evicted = true;
        return _leases == 0;
    }

    /// <summary>Lets queued generations finish, then stops the thread, which frees the model. Safe to call more than once.</summary>
    public Task StopAsync() => _stopped.Value;

    private (Gpt Model, TokenCodec Codec) Load()
    {
        try
        {
            var (model, tokenizer) = HfModelFolder.Load(Folder);
            _loaded.TrySetResult();
            return (model, TokenCodec.From(tokenizer));
        }
        catch (Exception e)
        {
            _loaded.TrySetException(e);
            throw;
        }
    }
}
