using Portal.Data.Backup;

namespace Portal.Data.Tests.Backup;

public sealed class PortalDatabaseFileTests
{
    [Fact]
    public async Task ABackupOfThePortalDatabaseHasNoProblem()
    {
        await using var database = await TestDatabase.CreateAsync();
        var backup = await TakeBackupAsync(database);

        Assert.Null(await PortalDatabaseFile.FindProblemAsync(backup));
    }

    [Fact]
    public async Task ATruncatedBackupIsCalledTruncated()
    {
        await using var database = await TestDatabase.CreateAsync();
        var backup = await TakeBackupAsync(database);
        await using (var file = new FileStream(backup, FileMode.Open))
            file.SetLength(file.Length / 2);

        var problem = await PortalDatabaseFile.FindProblemAsync(backup);

        Assert.Contains("truncated", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatIsNotSqliteIsCalledThat()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "notes.db");
        await File.WriteAllTextAsync(path, "These are my verses, honest. " + new string('x', 500));

        var problem = await PortalDatabaseFile.FindProblemAsync(path);

        Assert.Contains("not an SQLite database", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnSqliteFileOfAnotherApplicationIsNotAPortalDatabase()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "other.db");
        await BackupLibrary.ExecuteAsync(path, "CREATE TABLE Recipes (Id INTEGER PRIMARY KEY, Name TEXT); INSERT INTO Recipes (Name) VALUES ('bread');");

        var problem = await PortalDatabaseFile.FindProblemAsync(path);

        Assert.Contains("not a Verse Portal database", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseFromANewerPortalIsRefusedNamingTheUnknownMigration()
    {
        await using var database = await TestDatabase.CreateAsync();
        var backup = await TakeBackupAsync(database);
        await BackupLibrary.ExecuteAsync(backup, "INSERT INTO \"__EFMigrationsHistory\" VALUES ('29990101000000_FromTheFuture', '99.0.0'); PRAGMA journal_mode=DELETE;");

        var problem = await PortalDatabaseFile.FindProblemAsync(backup);

        Assert.Contains("newer version", problem, StringComparison.Ordinal);
        Assert.Contains("29990101000000_FromTheFuture", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseWithADamagedPageFailsTheIntegrityCheck()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        await BackupLibrary.ImportAsync(database, ana, Enumerable.Range(1, 300));
        var backup = await TakeBackupAsync(database);
        // Garbage over the middle of the file: b-tree pages that no longer parse, header left intact.
        await using (var file = new FileStream(backup, FileMode.Open))
        {
            file.Position = file.Length / 2;
            file.Write(Enumerable.Repeat((byte)0x5A, 8192).ToArray());
        }

        var problem = await PortalDatabaseFile.FindProblemAsync(backup);

        Assert.NotNull(problem);
        Assert.Contains("damaged", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckingAFileWritesNothingBesideIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var backup = await TakeBackupAsync(database);
        var before = Directory.GetFiles(Path.GetDirectoryName(backup)!);

        await PortalDatabaseFile.FindProblemAsync(backup);

        Assert.Equal(before, Directory.GetFiles(Path.GetDirectoryName(backup)!));
    }

    private static async Task<string> TakeBackupAsync(TestDatabase database) =>
        (await BackupLibrary.Writer(database).WriteAsync(Path.Combine(database.Directory, "backups"), DateTimeOffset.UtcNow)).Path;
}
