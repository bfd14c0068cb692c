using Microsoft.Extensions.Options;
using Portal.Core.Training;
using Portal.Data;
using Portal.Web.Auth;
using Portal.Web.Options;
using Portal.Web.Services.Training;
using Portal.Web.Services.Versions.Reconcile;

namespace Portal.Web.Startup;

/// <summary>
/// Runs before the portal takes requests and before hosted services (the training worker) start: data directory,
/// schema, roles, the optional scripted admin, and the in-portal worker's leases. A failure here stops start-up
/// with the reason, instead of serving a half-initialised portal.
/// </summary>
internal sealed class PortalInitializer(
    IOptions<PortalOptions> options,
    DatabaseMigrator migrator,
    AccountBootstrapper accounts,
    ITrainingJobStore trainingJobs,
    DeployReconciler deployReconciler,
    ILogger<PortalInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var dataDirectory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(dataDirectory);
        logger.LogInformation("Using data directory {DataDirectory}", dataDirectory);

        await migrator.MigrateAsync(cancellationToken);
        await accounts.InitializeAsync(cancellationToken);

        // A job the portal was training when it stopped is resumed from its checkpoint now, not when its lease expires.
        await trainingJobs.ReleaseLeasesAsync(TrainingServiceExtensions.InProcessWorkerId, cancellationToken);

        // A promotion a kill interrupted is repaired and recorded before the first request; the remote is asked later, off start-up.
        await deployReconciler.ReconcileAsync(withRemote: false, cancellationToken);
    }
}
