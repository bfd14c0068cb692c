using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Data.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task MigrationsApplyToAnEmptyFileAndCreateTheTables()
    {
        await using var database = await TestDatabase.CreateAsync();

        var tables = await QueryAsync(database.Path, "SELECT name FROM sqlite_master WHERE type = 'table'");

        Assert.Contains("Verses", tables);
        Assert.Contains("ApiTokens", tables);
        Assert.Contains("Invitations", tables);
        Assert.Contains("AspNetUsers", tables);
        Assert.Contains("TrainingJobs", tables);
        Assert.Contains("TrainingJobEvents", tables);
        Assert.Contains("TrainingSnapshotVerses", tables);
        Assert.Contains("GoldenPrompts", tables);
        Assert.Contains("PortalSettings", tables);
        Assert.Contains("ModelVersions", tables);
        Assert.Contains("GenerationRuns", tables);
        Assert.Contains("BlindVotes", tables);
        Assert.Contains("BlindVoteEntries", tables);
        Assert.Contains("__EFMigrationsHistory", tables);
    }

    [Fact]
    public async Task TheDatabaseRunsInWriteAheadLogMode()
    {
        await using var database = await TestDatabase.CreateAsync();

        var mode = await QueryAsync(database.Path, "PRAGMA journal_mode");

        Assert.Equal("wal", Assert.Single(mode));
    }

    [Fact]
    public async Task MigratingTwiceChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DatabaseMigrator>().MigrateAsync();

        var applied = await QueryAsync(database.Path, "SELECT MigrationId FROM __EFMigrationsHistory");

        Assert.Equal(applied.Distinct().Count(), applied.Count);
        Assert.Contains(applied, id => id.EndsWith("_InitialSchema", StringComparison.Ordinal));
        Assert.Contains(applied, id => id.EndsWith("_TrainingQueue", StringComparison.Ordinal));
        Assert.Contains(applied, id => id.EndsWith("_Playground", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADatabaseCopiedIntoPlaceOutsideWalModeStillStartsAndReturnsToWal()
    {
        await using var database = await TestDatabase.CreateAsync();
        SqliteConnection.ClearAllPools();
        await QueryAsync(database.Path, "PRAGMA journal_mode=DELETE");

        // A second portal start on the same file: EF first asks, read-only, whether the database exists.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortalData(database.Path);
        await using (var provider = services.BuildServiceProvider())
            await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        SqliteConnection.ClearAllPools();

        Assert.Equal("wal", Assert.Single(await QueryAsync(database.Path, "PRAGMA journal_mode")));
    }

    private static async Task<List<string>> QueryAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            values.Add(reader.GetString(0));
        return values;
    }
}
