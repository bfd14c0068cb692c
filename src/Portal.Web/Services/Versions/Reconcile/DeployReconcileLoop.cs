using Microsoft.Extensions.Options;

namespace Portal.Web.Services.Versions.Reconcile;

/// <summary>
/// Reconciles the versions with the deploy repository and its remote as soon as the portal runs and then every
/// interval, so that a push that failed (the remote was down) is retried by itself and a record that disagrees with
/// the remote is corrected. Each pass writes its status; a pass that throws does not end the loop.
/// </summary>
public sealed class DeployReconcileLoop(DeployReconciler reconciler, IOptions<DeployReconcileOptions> options, TimeProvider clock, ILogger<DeployReconcileLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await reconciler.ReconcileAsync(withRemote: true, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "A reconcile of the deploy repository failed; the next one runs in {Interval}", options.Value.Interval);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
