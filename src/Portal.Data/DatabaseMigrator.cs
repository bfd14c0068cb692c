using Microsoft.EntityFrameworkCore;

namespace Portal.Data;

/// <summary>Brings the database to the newest schema; a fresh data directory gets every migration from empty.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<PortalDbContext> contexts)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
