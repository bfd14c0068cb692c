using Bunit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Web.Components.Pages.Admin;
using Portal.Web.Options;
using Portal.Web.Services.Backup;
using Portal.Web.Tests.Components.Support;

namespace Portal.Web.Tests.Durability;

public sealed class BackupsPageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task BackUpNowListsTheNewBackupWithItsSizeAndADownloadLinkAndDeleteNeedsAConfirmation()
    {
        await using var bed = await CreateBedAsync();
        var admin = await bed.AddUserAsync("root", admin: true);
        bed.SignIn(admin);
        await bed.AddVerseAsync(admin, "A verse about the harbour at night", "line one\nline two\nline three\nline four");
        var page = bed.Context.Render<BackupsPage>();
        page.WaitForElement("#no-backups", Patience);

        await page.Find("#back-up-now").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("integrity check passed", page.Find("#backup-message").TextContent, StringComparison.Ordinal), Patience);
        var backup = Assert.Single(bed.Context.Services.GetRequiredService<BackupService>().List());
        var row = page.Find("#backup-table tr.backup-row");
        Assert.Contains(backup.Name, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("KiB", row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/api/backups/{backup.Name}", row.QuerySelector("a.download-backup")?.GetAttribute("href"));

        await page.Find(".delete-backup").ClickAsync(new());
        Assert.True(File.Exists(backup.Path), "One click deleted the backup without a confirmation.");
        await page.Find(".confirm-delete-backup").ClickAsync(new());

        page.WaitForElement("#no-backups", Patience);
        Assert.False(File.Exists(backup.Path));
    }

    [Fact]
    public async Task ThePageSaysWhenTheNextScheduledBackupIsAndHowToRestore()
    {
        await using var bed = await CreateBedAsync();
        bed.SignIn(await bed.AddUserAsync("root", admin: true));

        var page = bed.Context.Render<BackupsPage>();

        Assert.Contains("every 24 hours, keeping the newest 7", page.Find("#backup-schedule").TextContent, StringComparison.Ordinal);
        Assert.Contains("-- restore", page.Find("#restore-help").TextContent, StringComparison.Ordinal);
    }

    /// <summary>The component test bed with the portal's backup services, on the bed's own data directory.</summary>
    private static Task<ComponentTestBed> CreateBedAsync() => ComponentTestBed.CreateAsync(services =>
    {
        services.AddPortalBackups();
        // The bed names its database file only to the context factory; the backups folder goes beside it.
        services.AddOptions<PortalOptions>().Configure<DbContextOptions<PortalDbContext>>((portal, database) =>
            portal.DataDirectory = Path.GetDirectoryName(new SqliteConnectionStringBuilder(
                database.Extensions.OfType<RelationalOptionsExtension>().Single().ConnectionString).DataSource)!);
    });
}
