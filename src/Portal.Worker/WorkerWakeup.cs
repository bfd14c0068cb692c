namespace Portal.Worker;

/// <summary>
/// Lets whoever queues a job wake an idle worker in the same process, so that "Retrain now" starts training at once
/// rather than at the worker's next poll. A remote worker has no such neighbour and simply polls.
/// </summary>
public sealed class WorkerWakeup
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Wake()
    {
        // At most one pending wake-up: several jobs queued while the worker is busy need only one look at the queue.
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    /// <summary>Waits for a wake-up or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
