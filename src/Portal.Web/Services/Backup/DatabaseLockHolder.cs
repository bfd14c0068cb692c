using Microsoft.Extensions.Options;
using Portal.Data.Backup;
using Portal.Web.Options;

namespace Portal.Web.Services.Backup;

/// <summary>
/// Holds portal.db.lock while the portal runs, so that `restore` refuses to swap the database under it. A second
/// portal on the same data directory cannot take the lock; it says so and runs on (refusing to start could strand a
/// deploy whose old instance is still stopping).
/// </summary>
public sealed class DatabaseLockHolder(IOptions<PortalOptions> portal, ILogger<DatabaseLockHolder> logger) : IHostedService, IDisposable
{
    private FileStream? held;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        held = DatabaseLock.TryAcquire(portal.Value.DatabasePath);
        if (held is null)
            logger.LogWarning("Another portal holds {Lock}: two portals are running on the same data directory", DatabaseLock.PathFor(portal.Value.DatabasePath));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        held?.Dispose();
        held = null;
    }
}
