using Portal.Ml.Generation;

namespace Portal.Serving.Tests.Support;

/// <summary>
/// Holds a model's generations inside the engine: the codec decodes after every new token, and while the gate is
/// closed it waits there. A test can then keep a request in flight for exactly as long as it needs.
/// </summary>
internal sealed class DecodeGate
{
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _decodes;

    /// <summary>Completes when a generation first waits at the closed gate.</summary>
    public Task Paused => _paused.Task;

    /// <summary>Tokens decoded by the gated model so far.</summary>
    public int Decodes => Volatile.Read(ref _decodes);

    public void Close() => _open.Reset();

    public void Open() => _open.Set();

    public TokenCodec Wrap(TokenCodec codec) => codec with
    {
        Decode = ids =>
        {
            Interlocked.Increment(ref _decodes);
            if (!_open.IsSet)
            {
                _paused.TrySetResult();
                // Bounded, so that a failing test cannot hang the run.
                _open.Wait(TimeSpan.FromMinutes(1));
            }
            return codec.Decode(ids);
        },
    };
}
