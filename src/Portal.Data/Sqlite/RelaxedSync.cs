using Microsoft.EntityFrameworkCore;

namespace Portal.Data.Sqlite;

/// <summary>
/// Holds a context's connection open with synchronous=NORMAL until disposed, then puts the portal's usual setting (FULL) back before the connection
/// returns to the pool. SQLite refuses to change the setting inside a transaction, so this is opened before one begins.
/// </summary>
internal sealed class RelaxedSync : IAsyncDisposable
{
    private readonly PortalDbContext db;

    private RelaxedSync(PortalDbContext db) => this.db = db;

    public static async Task<RelaxedSync> OpenAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL", cancellationToken);
        return new RelaxedSync(db);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync(SqlitePragmas.DurableSync);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
