using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Durability;

/// <summary>
/// journal_mode is stored in the file, synchronous is per connection: each way the running portal gets a database
/// connection must come with WAL and synchronous=FULL (2), or a commit could be lost to a power cut.
/// </summary>
public sealed class SqliteSettingsTests
{
    [Fact]
    public async Task ContextsFromThePortalsFactoryRunInWalWithFullSync()
    {
        await using var portal = new PortalFactory();
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

        await AssertDurableAsync(db);
    }

    [Fact]
    public async Task TheContextBehindSignInAndAccountsRunsInWalWithFullSync()
    {
        await using var portal = new PortalFactory();
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserStore<PortalUser>>();

        // Identity's stores are built on the scoped context; reach the very instance they write through.
        var context = Assert.IsType<PortalDbContext>(users.GetType().GetProperty("Context")?.GetValue(users));
        Assert.Same(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), context);
        await AssertDurableAsync(context);
    }

    [Fact]
    public async Task ThePortalDatabaseFileIsInWalModeAfterStart()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateAdminClient();
        await client.AddVerseAsync(1);

        var header = new byte[20];
        await using (var file = new FileStream(Path.Combine(portal.DataDirectory, "portal.db"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            await file.ReadExactlyAsync(header);

        // File format write and read versions 2 and 2: WAL, recorded in the file by the migrator's first connection.
        Assert.Equal((byte)2, header[18]);
        Assert.Equal((byte)2, header[19]);
        Assert.True(File.Exists(Path.Combine(portal.DataDirectory, "portal.db-wal")));
    }

    private static async Task AssertDurableAsync(DbContext db)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            var connection = db.Database.GetDbConnection();
            Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
            Assert.Equal(2L, await ScalarAsync(connection, "PRAGMA synchronous"));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
