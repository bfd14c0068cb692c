using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Portal.Data.Backup;

namespace Portal.Data.Tests.Backup;

public sealed class DatabaseRestorerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task RestoreBringsBackTheVersesOfTheBackupAndKeepsTheReplacedDatabaseAside()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        await BackupLibrary.ImportAsync(database, ana, [1, 2]);
        var backup = await TakeBackupAsync(database);
        await BackupLibrary.ImportAsync(database, ana, [3]);
        SqliteConnection.ClearAllPools();

        var outcome = await DatabaseRestorer.RestoreAsync(backup, database.Path, Now);

        Assert.False(File.Exists(database.Path + "-wal"), "A log of the old database was left next to the restored one.");
        Assert.Equal([Path.GetFileName(outcome.KeptAsidePath)], Directory.GetFiles(database.Directory, "portal.db.before-restore-*").Select(Path.GetFileName));
        Assert.Equal(BackupLibrary.Sorted([1, 2]), await BackupLibrary.PromptsInAsync(database.Path));
        Assert.Equal(database.Path + ".before-restore-20261124T093000Z", outcome.KeptAsidePath);
        Assert.Equal(BackupLibrary.Sorted([1, 2, 3]), await BackupLibrary.PromptsInAsync(outcome.KeptAsidePath!));
        Assert.False(File.Exists(database.Path + ".restoring"));
        Assert.Equal(2, (await File.ReadAllBytesAsync(database.Path))[18]); // the restored file is in WAL mode, as the portal keeps it
    }

    [Fact]
    public async Task TheStoresWorkOnTheRestoredDatabase()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        await BackupLibrary.ImportAsync(database, ana, [1]);
        var backup = await TakeBackupAsync(database);
        SqliteConnection.ClearAllPools();

        await DatabaseRestorer.RestoreAsync(backup, database.Path, Now);
        await database.Get<DatabaseMigrator>().MigrateAsync();
        await BackupLibrary.ImportAsync(database, ana, [2]);

        Assert.Equal(BackupLibrary.Sorted([1, 2]), await BackupLibrary.PromptsInAsync(database.Path));
    }

    [Fact]
    public async Task RestoreIsRefusedWhileAPortalHoldsTheDatabaseLock()
    {
        await using var database = await TestDatabase.CreateAsync();
        var backup = await TakeBackupAsync(database);
        SqliteConnection.ClearAllPools();
        var before = Fingerprint(database.Path);

        using (DatabaseLock.TryAcquire(database.Path))
        {
            var refusal = await Assert.ThrowsAsync<RestoreRefusedException>(() => DatabaseRestorer.RestoreAsync(backup, database.Path, Now));
            Assert.Contains("portal is running", refusal.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, Fingerprint(database.Path));
        Assert.Empty(Directory.GetFiles(database.Directory, "portal.db.before-restore-*"));
    }

    [Theory]
    [InlineData("truncated", "truncated")]
    [InlineData("not-sqlite", "not an SQLite database")]
    [InlineData("other-application", "not a Verse Portal database")]
    public async Task ABadBackupIsRefusedWithItsReasonAndTheCurrentDatabaseIsUntouched(string kind, string reason)
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        await BackupLibrary.ImportAsync(database, ana, [1, 2]);
        var bad = await BadFileAsync(database, kind);
        SqliteConnection.ClearAllPools();
        var before = Fingerprint(database.Path);

        var refusal = await Assert.ThrowsAsync<RestoreRefusedException>(() => DatabaseRestorer.RestoreAsync(bad, database.Path, Now));

        Assert.Contains(reason, refusal.Message, StringComparison.Ordinal);
        Assert.StartsWith("Nothing was changed.", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(before, Fingerprint(database.Path));
        Assert.Empty(Directory.GetFiles(database.Directory, "portal.db.before-restore-*"));
        Assert.Equal(BackupLibrary.Sorted([1, 2]), await BackupLibrary.PromptsInAsync(database.Path));
    }

    private static async Task<string> BadFileAsync(TestDatabase database, string kind)
    {
        var path = Path.Combine(database.Directory, kind + ".db");
        switch (kind)
        {
            case "truncated":
                var backup = await TakeBackupAsync(database);
                var bytes = await File.ReadAllBytesAsync(backup);
                await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
                break;
            case "not-sqlite":
                await File.WriteAllTextAsync(path, "prompt,lyrics\nA verse,with a line\n" + new string('-', 400));
                break;
            default:
                await BackupLibrary.ExecuteAsync(path, "CREATE TABLE Recipes (Id INTEGER PRIMARY KEY, Name TEXT);");
                break;
        }
        return path;
    }

    private static async Task<string> TakeBackupAsync(TestDatabase database) =>
        (await BackupLibrary.Writer(database).WriteAsync(Path.Combine(database.Directory, "backups"), DateTimeOffset.UtcNow)).Path;

    /// <summary>The database file and its log together: a refused restore must leave both exactly as they were.</summary>
    private static string Fingerprint(string databasePath)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in new[] { databasePath, databasePath + "-wal" }.Where(File.Exists))
            hash.AppendData(File.ReadAllBytes(path));
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
