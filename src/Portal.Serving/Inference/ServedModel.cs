using Microsoft.Extensions.Logging;

namespace Portal.Serving.Inference;

/// <summary>
/// One loaded version, counted by its holders: the <see cref="ModelSlot"/> while it is current, and every request
/// that started on it. When the last holder lets go, the inference thread stops and the checkout it was loaded from
/// (when the service made it) is deleted, so a swap never pulls a model from under a request.
/// </summary>
internal sealed class ServedModel(ServedVersion version, ModelRunner runner, string? ownedCheckout, ILogger<ServedModel> logger)
{
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _holders = 1;

    public ServedVersion Version => version;

    public ModelRunner Runner => runner;

    /// <summary>The slot while the model is current, plus one per request in flight on it.</summary>
    public int Holders => Volatile.Read(ref _holders);

    /// <summary>Completes once the model is freed and its checkout deleted.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>False once the last holder has let go: the model is stopping and takes no new requests.</summary>
    public bool TryAcquire()
    {
        var holders = Volatile.Read(ref _holders);
        while (holders > 0)
        {
            var seen = Interlocked.CompareExchange(ref _holders, holders + 1, holders);
            if (seen == holders)
                return true;
            holders = seen;
        }
        return false;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _holders) == 0)
            _ = StopAsync();
    }

    private async Task StopAsync()
    {
        try
        {
            await runner.DisposeAsync();
            if (ownedCheckout is not null && Directory.Exists(ownedCheckout))
                Directory.Delete(ownedCheckout, recursive: true);
            logger.LogInformation("Stopped {Version}: its last request has ended", version);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Stopped {Version}, but its checkout {Folder} could not be deleted: {Error}", version, ownedCheckout, e.Message);
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }
}
