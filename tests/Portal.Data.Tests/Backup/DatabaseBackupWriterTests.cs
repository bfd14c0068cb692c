using Portal.Data.Backup;

namespace Portal.Data.Tests.Backup;

public sealed class DatabaseBackupWriterTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ABackupHoldsTheLibraryAsItWasWhenTakenAndLaterChangesStayOutOfIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        await BackupLibrary.ImportAsync(database, ana, [1, 2]);
        var backups = Path.Combine(database.Directory, "backups");

        var backup = await BackupLibrary.Writer(database).WriteAsync(backups, Noon);
        await BackupLibrary.ImportAsync(database, ana, [3]);

        Assert.Equal("portal-20261124T120000Z.db", backup.Name);
        Assert.Equal(new FileInfo(backup.Path).Length, backup.SizeBytes);
        Assert.Equal(BackupLibrary.Sorted([1, 2]), await BackupLibrary.PromptsInAsync(backup.Path));
        Assert.Null(await PortalDatabaseFile.FindProblemAsync(backup.Path));
        Assert.Equal([backup.Name], Directory.GetFiles(backups).Select(Path.GetFileName));
    }

    [Fact]
    public async Task TwoBackupsInTheSameSecondGetTwoNamesAndNeitherOverwritesTheOther()
    {
        await using var database = await TestDatabase.CreateAsync();
        var backups = Path.Combine(database.Directory, "backups");
        var writer = BackupLibrary.Writer(database);

        var first = await writer.WriteAsync(backups, Noon);
        var second = await writer.WriteAsync(backups, Noon);

        Assert.Equal("portal-20261124T120000Z.db", first.Name);
        Assert.Equal("portal-20261124T120000Z-2.db", second.Name);
        Assert.True(BackupFileNames.TryParse(second.Name, out var at));
        Assert.Equal(Noon, at);
    }

    [Fact]
    public async Task ATemporaryFileLeftByAnInterruptedBackupIsRemovedByTheNextAndIsNeverABackupName()
    {
        await using var database = await TestDatabase.CreateAsync();
        var backups = Directory.CreateDirectory(Path.Combine(database.Directory, "backups")).FullName;
        var leftover = Path.Combine(backups, BackupFileNames.Partial(BackupFileNames.For(Noon.AddDays(-1))));
        await File.WriteAllBytesAsync(leftover, new byte[4096]);

        var backup = await BackupLibrary.Writer(database).WriteAsync(backups, Noon);

        Assert.False(BackupFileNames.TryParse(Path.GetFileName(leftover), out _));
        Assert.Equal([backup.Name], Directory.GetFiles(backups).Select(Path.GetFileName));
    }

    [Fact]
    public async Task WritersKeepImportingWhileABackupRunsAndTheBackupHoldsWholeImportsOnly()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        await BackupLibrary.ImportAsync(database, ana, Enumerable.Range(1, 5_000));
        var backups = Path.Combine(database.Directory, "backups");
        using var stop = new CancellationTokenSource();

        // Batches of 100 keep committing for as long as the backups run; each backup must see whole batches only.
        var imported = 0;
        var importer = Task.Run(async () =>
        {
            for (var batch = 0; !stop.IsCancellationRequested || batch < 2; batch++)
            {
                await BackupLibrary.ImportAsync(database, ana, Enumerable.Range(10_000 + batch * 100, 100));
                Interlocked.Add(ref imported, 100);
            }
        });
        var taken = new List<BackupFile>();
        for (var i = 0; i < 3; i++)
            taken.Add(await BackupLibrary.Writer(database).WriteAsync(backups, Noon.AddSeconds(i)));
        await stop.CancelAsync();
        await importer;

        foreach (var backup in taken)
        {
            var count = (await BackupLibrary.PromptsInAsync(backup.Path)).Count;
            Assert.InRange(count, 5_000, 5_000 + imported);
            Assert.Equal(0, (count - 5_000) % 100);
        }
        Assert.True(imported >= 200, $"Only {imported} verses were imported during the backups.");
    }
}
