using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Web.Auth;
using Portal.Web.Options;

namespace Portal.Web.Startup;

/// <summary>
/// Runs before the portal takes requests: data directory, schema, roles, and the optional scripted admin.
/// A failure here stops start-up with the reason, instead of serving a half-initialised portal.
/// </summary>
internal sealed class PortalInitializer(
    IOptions<PortalOptions> options,
    DatabaseMigrator migrator,
    AccountBootstrapper accounts,
    ILogger<PortalInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var dataDirectory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(dataDirectory);
        logger.LogInformation("Using data directory {DataDirectory}", dataDirectory);

        await migrator.MigrateAsync(cancellationToken);
        await accounts.InitializeAsync(cancellationToken);
    }
}
