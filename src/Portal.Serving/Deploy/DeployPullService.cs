using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Serving.Options;

namespace Portal.Serving.Deploy;

/// <summary>Pull mode: looks at the deploy branch on start and then every interval, after the previous look has finished.</summary>
internal sealed class DeployPullService(
    RepositorySource source, CheckoutFolders checkouts, DeployReconciler reconciler, TimeProvider time, ILogger<DeployPullService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Following {Repository}, every {Interval}", source, source.Interval);
        try
        {
            await Task.Run(ClearLeftovers, stoppingToken);
            while (true)
            {
                await reconciler.ReconcileAsync(stoppingToken);
                await Task.Delay(source.Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Nothing is loaded yet, so every checkout on disk is left over from an earlier run.</summary>
    private void ClearLeftovers()
    {
        try
        {
            checkouts.DeleteAll();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Old checkouts in {Folder} could not be deleted: {Error}", checkouts.Root, e.Message);
        }
    }
}
