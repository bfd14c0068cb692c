using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Portal.Web.Startup;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Durability;

public sealed class RestoreTests
{
    private sealed record Backup(string Name);

    [Fact]
    public async Task ARestoredBackupBringsBackTheLibraryAsItWasAndDropsWhatCameAfter()
    {
        using var data = new TempDirectory();
        string backupFile;
        await using (var portal = await PortalProcess.StartAsync(data.Path))
        {
            using var admin = portal.CreateAdminClient();
            var a = await admin.AddVerseAsync(1);
            await admin.AddVerseAsync(2);
            using var created = await admin.PostAsync("/api/backups", null);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            backupFile = Path.Combine(data.Path, "backups", (await created.Content.ReadFromJsonAsync<Backup>(PortalApi.Json))!.Name);
            await admin.AddVerseAsync(3);
            using var deleted = await admin.DeleteAsync($"/api/verses/{a.Id}");
            Assert.True(deleted.IsSuccessStatusCode);
            Assert.Equal([Corpus.Prompt(2), Corpus.Prompt(3)], (await Library.ExportAsync(admin)).Keys);
        }

        var restore = await RestoreRun.RunAsync(data.Path, backupFile);

        Assert.True(restore.ExitCode == 0, $"restore failed ({restore.ExitCode}): {restore.Error}{restore.Output}");
        Assert.Contains("Restored", restore.Output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(data.Path, "portal.db.before-restore-*"));
        await using (var portal = await PortalProcess.StartAsync(data.Path))
        {
            using var admin = portal.CreateAdminClient();
            var library = await Library.ExportAsync(admin);
            Assert.Equal([Corpus.Prompt(1), Corpus.Prompt(2)], library.Keys);
            Assert.Equal(Corpus.Lyrics(1), library[Corpus.Prompt(1)]);
            // The restored portal takes new work as usual.
            await admin.AddVerseAsync(4);
            Assert.Equal(3, await admin.CountVersesAsync());
        }
    }

    [Fact]
    public async Task RestoreIsRefusedWhileThePortalRunsAndThePortalKeepsServing()
    {
        using var data = new TempDirectory();
        await using var portal = await PortalProcess.StartAsync(data.Path);
        using var admin = portal.CreateAdminClient();
        await admin.AddVerseAsync(1);
        using var created = await admin.PostAsync("/api/backups", null);
        var backupFile = Path.Combine(data.Path, "backups", (await created.Content.ReadFromJsonAsync<Backup>(PortalApi.Json))!.Name);
        await admin.AddVerseAsync(2);

        var restore = await RestoreRun.RunAsync(data.Path, backupFile);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("The portal is running", restore.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(data.Path, "portal.db.before-restore-*"));
        Assert.Equal([Corpus.Prompt(1), Corpus.Prompt(2)], (await Library.ExportAsync(admin)).Keys);
    }

    [Theory]
    [InlineData("truncated", "is truncated")]
    [InlineData("not-sqlite", "is not an SQLite database")]
    [InlineData("other-application", "is not a Verse Portal database")]
    public async Task ABadFileIsRefusedWithAClearReasonAndTheCurrentDatabaseIsUntouched(string kind, string reason)
    {
        using var data = new TempDirectory();
        await using (var portal = new PortalFactory { Setup = new PortalSetup { DataDirectory = data.Path } })
        {
            using var admin = portal.CreateAdminClient();
            await admin.AddVerseAsync(1);
            using var created = await admin.PostAsync("/api/backups", null);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        SqliteConnection.ClearAllPools();
        var bad = await BadFileAsync(data.Path, kind);
        var before = Fingerprint(data.Path);
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await RestoreCommand.RunAsync([bad, "--Portal:DataDirectory", data.Path], output, error);

        Assert.Equal(1, exitCode);
        Assert.Contains(reason, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, Fingerprint(data.Path));
        Assert.Empty(Directory.GetFiles(data.Path, "portal.db.before-restore-*"));
    }

    [Fact]
    public async Task RestoreWithoutAFileExplainsHowToUseIt()
    {
        var error = new StringWriter();

        var exitCode = await RestoreCommand.RunAsync([], new StringWriter(), error);

        Assert.Equal(2, exitCode);
        Assert.Contains("restore <backup-file>", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> BadFileAsync(string dataDirectory, string kind)
    {
        var path = Path.Combine(dataDirectory, kind + ".db");
        switch (kind)
        {
            case "truncated":
                var backup = Directory.GetFiles(Path.Combine(dataDirectory, "backups"), "portal-*.db").Single();
                var bytes = await File.ReadAllBytesAsync(backup);
                await File.WriteAllBytesAsync(path, bytes[..(bytes.Length * 2 / 3)]);
                break;
            case "not-sqlite":
                await File.WriteAllTextAsync(path, "[{\"prompt\": \"a verse\", \"lyrics\": \"not a database\"}]" + new string(' ', 200));
                break;
            default:
                await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = "CREATE TABLE Notes (Id INTEGER PRIMARY KEY, Text TEXT); INSERT INTO Notes (Text) VALUES ('hello');";
                    await command.ExecuteNonQueryAsync();
                }
                break;
        }
        return path;
    }

    /// <summary>portal.db with its log: a refused restore leaves both exactly as they were.</summary>
    private static string Fingerprint(string dataDirectory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in new[] { "portal.db", "portal.db-wal" })
        {
            var path = Path.Combine(dataDirectory, name);
            if (File.Exists(path))
                hash.AppendData(File.ReadAllBytes(path));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
