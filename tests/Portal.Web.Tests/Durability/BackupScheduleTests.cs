using Portal.Core.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Data.Backup;
using Portal.Web.Options;
using Portal.Web.Services.Backup;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Durability;

public sealed class BackupScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheRunningPortalTakesScheduledBackupsByItself()
    {
        // 0.0005 hours is 1.8 seconds: the first backup of a portal without one is due one interval after start.
        await using var portal = new PortalFactory { Setup = WithBackupSettings("0.0005", "3") };
        using var admin = portal.CreateAdminClient();
        await admin.AddVerseAsync(1);
        var backups = portal.Services.GetRequiredService<BackupService>();

        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (backups.List().Count < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(200);

        Assert.True(backups.List().Count >= 2, "No scheduled backups appeared within two minutes.");
        foreach (var backup in backups.List())
            Assert.Null(await PortalDatabaseFile.FindProblemAsync(backup.Path));
    }

    [Fact]
    public async Task WithoutABackupTheFirstIsDueAnHourAfterStartThenOneIntervalAfterTheNewest()
    {
        await using var portal = new PortalFactory { Setup = WithBackupSettings("24", "7") };
        var clock = new ManualClock(Start);
        var (backups, scheduler) = Build(portal, clock);

        Assert.Null(await scheduler.RunIfDueAsync());
        clock.Now = Start.AddMinutes(59);
        Assert.Null(await scheduler.RunIfDueAsync());
        clock.Now = Start.AddHours(1);
        var first = await scheduler.RunIfDueAsync();
        clock.Now = Start.AddHours(24);
        Assert.Null(await scheduler.RunIfDueAsync());
        clock.Now = Start.AddHours(25);
        var second = await scheduler.RunIfDueAsync();

        Assert.Equal("portal-20261124T070000Z.db", first?.Name);
        Assert.Equal("portal-20261125T070000Z.db", second?.Name);
        Assert.Equal(Start.AddHours(49), scheduler.NextDue());
        Assert.Equal([second!.Name, first!.Name], backups.List().Select(b => b.Name));
    }

    [Fact]
    public async Task ABackupFromTheAdminPageMovesTheNextScheduledOneAWholeIntervalOn()
    {
        await using var portal = new PortalFactory { Setup = WithBackupSettings("24", "7") };
        var clock = new ManualClock(Start);
        var (backups, scheduler) = Build(portal, clock);

        clock.Now = Start.AddMinutes(30);
        await backups.CreateAsync(BackupService.Schedule, "from the admin page");
        clock.Now = Start.AddHours(2);

        Assert.Null(await scheduler.RunIfDueAsync());
        Assert.Equal(Start.AddMinutes(30).AddHours(24), scheduler.NextDue());
    }

    [Fact]
    public async Task AnIntervalOfZeroTurnsTheScheduleOff()
    {
        await using var portal = new PortalFactory { Setup = WithBackupSettings("0", "7") };
        var clock = new ManualClock(Start);
        var (backups, scheduler) = Build(portal, clock);

        clock.Now = Start.AddDays(30);

        Assert.Null(scheduler.NextDue());
        Assert.Null(await scheduler.RunIfDueAsync());
        Assert.Empty(backups.List());
    }

    private static PortalSetup WithBackupSettings(string intervalHours, string keep) => new()
    {
        Settings = new Dictionary<string, string> { ["Portal:Backup:IntervalHours"] = intervalHours, ["Portal:Backup:Keep"] = keep },
    };

    /// <summary>The portal's own backup service and a scheduler over it, on a clock the test moves.</summary>
    private static (BackupService Backups, BackupScheduler Scheduler) Build(PortalFactory portal, TimeProvider clock)
    {
        var services = portal.Services;
        var options = services.GetRequiredService<IOptionsMonitor<BackupOptions>>();
        var backups = new BackupService(services.GetRequiredService<DatabaseBackupWriter>(), services.GetRequiredService<IOptions<PortalOptions>>(),
            options, clock, services.GetRequiredService<IAuditLog>(), NullLogger<BackupService>.Instance);
        return (backups, new BackupScheduler(backups, options, clock, NullLogger<BackupScheduler>.Instance));
    }
}
