using Microsoft.Extensions.Logging;
using Portal.Serving.Inference;
using Portal.Serving.Options;

namespace Portal.Serving.Deploy;

/// <summary>
/// One look at the deploy branch, in order: fetch; stop when the tip is the commit being served or one already
/// refused; write the commit out beside the current checkout; verify and load it; swap. The status is written at
/// the end whatever happened, and any failure leaves the current version serving.
/// </summary>
internal sealed class DeployReconciler(
    RepositorySource source, DeployMirror mirror, CheckoutFolders checkouts, ModelActivator activator,
    ModelSlot slot, ServingStatus status, TimeProvider time, ILogger<DeployReconciler> logger)
{
    private (string Commit, string Error)? _refused;

    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        string? error;
        try
        {
            error = await UpdateAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Retry later (network, credentials, disk): whatever it is, the next interval tries again and the
            // current version keeps serving meanwhile.
            error = (e is DeployFetchException ? $"Fetching {source.Branch} failed: " : $"Updating from {source.Branch} failed: ") + Sentence(e.Message);
            logger.LogWarning("{Error} Trying again in {Interval}.", error, source.Interval);
        }
        status.Checked(time.GetUtcNow(), error);
    }

    private async Task<string?> UpdateAsync(CancellationToken cancellationToken)
    {
        var tip = await Task.Run(mirror.Fetch, cancellationToken);
        if (slot.Current?.Version.Commit == tip)
            return null;
        // A refused commit needs a person: try again only when the branch moves.
        if (_refused is { } refused && refused.Commit == tip)
            return refused.Error;

        var checkout = checkouts.NewFor(tip);
        try
        {
            await Task.Run(() => mirror.Export(tip, checkout), cancellationToken);
            var model = await activator.ActivateAsync(checkout, tip, ownsCheckout: true, cancellationToken);
            var previous = slot.Swap(model);
            _refused = null;
            logger.LogInformation("Now serving {Version}{Previous}", model.Version,
                previous is null ? "" : $"; {previous.Version} stops when its last request ends");
            return null;
        }
        catch (VersionRejectedException e)
        {
            CheckoutFolders.Delete(checkout);
            var error = $"Commit {tip[..7]} was refused: {Sentence(e.Message)}";
            _refused = (tip, error);
            logger.LogError("{Error} {Serving}; the commit is not tried again until the branch moves.", error,
                slot.Current is { } current ? $"Still serving {current.Version}" : "Nothing is served yet");
            return error;
        }
        catch
        {
            CheckoutFolders.Delete(checkout);
            throw;
        }
    }

    /// <summary>libgit2's and the engine's messages, ended like the ones around them.</summary>
    private static string Sentence(string message)
    {
        var trimmed = message.Trim();
        return trimmed.EndsWith('.') ? trimmed : trimmed + ".";
    }
}
