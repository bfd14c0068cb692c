using System.Collections.Concurrent;

namespace Portal.Serving.Inference;

/// <summary>
/// The model being served. A swap is one atomic exchange: requests that start afterwards get the new model, those
/// already running keep a lease on the old one, which stops when the last of them ends.
/// </summary>
internal sealed class ModelSlot : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ServedModel, byte> _retiring = new();
    private ServedModel? _current;

    public ServedModel? Current => Volatile.Read(ref _current);

    /// <summary>A lease on the current model, or null while none is loaded.</summary>
    public ModelLease? TryLease()
    {
        while (Current is { } model)
        {
            if (model.TryAcquire())
                return new ModelLease(model);
            // The model was swapped out and stopped between the read and the acquire; the next read sees its successor.
        }
        return null;
    }

    /// <returns>The model that was current before, now retiring.</returns>
    public ServedModel? Swap(ServedModel next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var previous = Interlocked.Exchange(ref _current, next);
        if (previous is not null)
            Retire(previous);
        return previous;
    }

    private void Retire(ServedModel model)
    {
        _retiring[model] = 0;
        _ = model.Stopped.ContinueWith(stopped => _retiring.TryRemove(model, out _), TaskScheduler.Default);
        model.Release();
    }

    /// <summary>At shutdown, after the last request: stops the current model and waits for every retiring one.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _current, null) is { } last)
            Retire(last);
        await Task.WhenAll(_retiring.Keys.Select(model => model.Stopped));
    }
}
