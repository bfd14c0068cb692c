using System.Collections.Concurrent;
using Portal.Core.Playground;

namespace Portal.Web.Components.Pages.Playground;

/// <summary>
/// Takes the pieces of text the models write on their inference threads and hands them to the page in batches, at
/// most once per <paramref name="interval"/>: a render per token would flood the circuit, and an inference thread
/// must never wait for the page.
/// </summary>
/// <param name="deliver">Called on a pool thread after a pause; it is expected to marshal onto the circuit and <see cref="Drain"/>.</param>
public sealed class TextPieceBuffer(TimeSpan interval, Func<Task> deliver)
{
    private readonly ConcurrentQueue<(ModelChoice Model, string Piece)> pieces = new();
    private int deliveryPending;

    /// <summary>Safe from any thread; never blocks.</summary>
    public void Add(ModelChoice model, string piece)
    {
        pieces.Enqueue((model, piece));
        if (Interlocked.Exchange(ref deliveryPending, 1) == 0)
            _ = DeliverLaterAsync();
    }

    /// <summary>Everything added since the last drain, in the order each model wrote it.</summary>
    public IReadOnlyList<(ModelChoice Model, string Piece)> Drain()
    {
        var drained = new List<(ModelChoice, string)>();
        while (pieces.TryDequeue(out var item))
            drained.Add(item);
        return drained;
    }

    private async Task DeliverLaterAsync()
    {
        await Task.Delay(interval);
        // Cleared before delivering: a piece added while the page drains schedules the next delivery instead of waiting for none.
        Volatile.Write(ref deliveryPending, 0);
        await deliver();
    }
}
