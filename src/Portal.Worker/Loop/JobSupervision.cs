namespace Portal.Worker.Loop;

/// <summary>
/// The ways a running job can be told to stop, as tokens: the host stopping, a Cancel press, or the lease being lost.
/// Each ends training at the next step; what follows (complete or not) depends on which one it was.
/// </summary>
internal sealed class JobSupervision : IDisposable
{
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _cancel = new();
    private readonly CancellationTokenSource _finished = new();
    private readonly CancellationTokenSource _training;
    private readonly CancellationTokenSource _lostOrStopping;

    public JobSupervision(CancellationToken stopping)
    {
        Stopping = stopping;
        _training = CancellationTokenSource.CreateLinkedTokenSource(stopping, _lost.Token, _cancel.Token);
        _lostOrStopping = CancellationTokenSource.CreateLinkedTokenSource(stopping, _lost.Token);
    }

    public CancellationToken Stopping { get; }

    /// <summary>Cancelled by any of the three: training and file transfers stop on it.</summary>
    public CancellationToken Job => _training.Token;

    /// <summary>Cancelled when the job is no longer ours: nothing more is sent.</summary>
    public CancellationToken LostToken => _lost.Token;

    /// <summary>Cancelled when the job is no longer ours, or the host stops: no new call is started.</summary>
    public CancellationToken LostOrStopping => _lostOrStopping.Token;

    /// <summary>Cancelled once the job is wrapped up: the heartbeat stops on it.</summary>
    public CancellationToken Finished => _finished.Token;

    public bool CancelRequested => _cancel.IsCancellationRequested;
    public bool Lost => _lost.IsCancellationRequested;

    public void RequestCancel() => _cancel.Cancel();

    public void MarkLost() => _lost.Cancel();

    public void Finish() => _finished.Cancel();

    public void Dispose()
    {
        _training.Dispose();
        _lostOrStopping.Dispose();
        _lost.Dispose();
        _cancel.Dispose();
        _finished.Dispose();
    }
}
