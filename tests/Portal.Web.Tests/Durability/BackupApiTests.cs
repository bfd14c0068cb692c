using System.Net;
using System.Net.Http.Json;
using Portal.Data.Backup;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Durability;

public sealed class BackupApiTests
{
    private sealed record Backup(string Name, long SizeBytes, DateTimeOffset CreatedAt, string Download);

    [Fact]
    public async Task AnAdminBacksUpDownloadsAWholeCheckedCopyAndDeletesIt()
    {
        await using var portal = new PortalFactory();
        using var admin = portal.CreateAdminClient();
        await admin.AddVerseAsync(1);
        await admin.AddVerseAsync(2);

        using var created = await admin.PostAsync("/api/backups", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var backup = (await created.Content.ReadFromJsonAsync<Backup>(PortalApi.Json))!;
        Assert.Matches(@"^portal-\d{8}T\d{6}Z\.db$", backup.Name);
        Assert.Equal([backup.Name], (await ListAsync(admin)).Select(b => b.Name));

        using var download = await admin.GetAsync(backup.Download);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var copy = Path.Combine(portal.DataDirectory, "downloaded.db");
        await File.WriteAllBytesAsync(copy, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(backup.SizeBytes, new FileInfo(copy).Length);
        Assert.Null(await PortalDatabaseFile.FindProblemAsync(copy));

        using var deleted = await admin.DeleteAsync(backup.Download);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await ListAsync(admin));
        Assert.False(File.Exists(Path.Combine(portal.DataDirectory, "backups", backup.Name)));
    }

    [Fact]
    public async Task WritersAndAnonymousCallersCannotListTakeDownloadOrDeleteBackups()
    {
        await using var portal = new PortalFactory();
        using var admin = portal.CreateAdminClient();
        using var created = await admin.PostAsync("/api/backups", null);
        var backup = (await created.Content.ReadFromJsonAsync<Backup>(PortalApi.Json))!;
        var writer = await portal.CreateWriterAsync("wendy");
        using var writerClient = portal.CreateBearerClient(writer.Token);
        using var anonymous = portal.CreateClient();

        foreach (var (client, expected) in new[] { (writerClient, HttpStatusCode.Forbidden), (anonymous, HttpStatusCode.Unauthorized) })
        {
            using var list = await client.GetAsync("/api/backups");
            using var take = await client.PostAsync("/api/backups", null);
            using var download = await client.GetAsync(backup.Download);
            using var delete = await client.DeleteAsync(backup.Download);
            Assert.Equal([expected, expected, expected, expected], new[] { list.StatusCode, take.StatusCode, download.StatusCode, delete.StatusCode });
        }
        Assert.Equal([backup.Name], (await ListAsync(admin)).Select(b => b.Name));
    }

    [Theory]
    [InlineData("..%2Fportal.db")]
    [InlineData("portal.db")]
    [InlineData("portal-20261124T081500Z.db")]
    public async Task ANameThatIsNotAnExistingBackupIsNotFoundAndNothingIsServedOrDeleted(string name)
    {
        await using var portal = new PortalFactory();
        using var admin = portal.CreateAdminClient();
        await admin.AddVerseAsync(1);

        using var download = await admin.GetAsync($"/api/backups/{name}");
        using var delete = await admin.DeleteAsync($"/api/backups/{name}");

        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Contains("No such backup", (await download.ReadProblemAsync()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(1, await admin.CountVersesAsync());
    }

    [Fact]
    public async Task TheOldestBackupsBeyondKeepArePrunedAfterEachNewOne()
    {
        await using var portal = new PortalFactory { Setup = new PortalSetup { Settings = new Dictionary<string, string> { ["Portal:Backup:Keep"] = "2" } } };
        using var admin = portal.CreateAdminClient();
        var taken = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var created = await admin.PostAsync("/api/backups", null);
            taken.Add((await created.Content.ReadFromJsonAsync<Backup>(PortalApi.Json))!.Name);
        }

        var kept = (await ListAsync(admin)).Select(b => b.Name).ToList();

        Assert.Equal([taken[2], taken[1]], kept);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(portal.DataDirectory, "backups")).Length);
    }

    private static async Task<List<Backup>> ListAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<List<Backup>>("/api/backups", PortalApi.Json))!;
}
