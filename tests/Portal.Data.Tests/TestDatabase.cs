using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Access;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Data.Tests;

/// <summary>A real SQLite file in a temporary folder, migrated from empty, deleted afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private TestDatabase(string directory, ServiceProvider services)
    {
        Directory = directory;
        this.services = services;
    }

    public string Directory { get; }
    public string Path => System.IO.Path.Combine(Directory, "portal.db");
    public IServiceProvider Services => services;

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public static async Task<TestDatabase> CreateAsync()
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "portal-data-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddPortalData(System.IO.Path.Combine(directory, "portal.db"));
        var provider = collection.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return new TestDatabase(directory, provider);
    }

    /// <summary>Adds a user row directly (Identity's managers are not needed to own verses).</summary>
    public async Task<Actor> AddUserAsync(string name, bool admin = false)
    {
        await using var db = await Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var user = new PortalUser { UserName = name, NormalizedUserName = name.ToUpperInvariant(), CreatedAt = DateTimeOffset.UtcNow, SecurityStamp = Guid.NewGuid().ToString() };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return new Actor(user.Id, name, admin);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS temp cleaner rather than failing the test.
        }
    }
}
