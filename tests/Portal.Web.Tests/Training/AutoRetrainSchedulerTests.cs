using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Training;
using Portal.Data.Entities;
using Portal.Data.Training;
using Portal.Web.Services.Training;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Training;

/// <summary>The automatic retrain check, called directly; its own timer is set far beyond the test.</summary>
public sealed class AutoRetrainSchedulerTests
{
    [Fact]
    public async Task WhenOffItStartsNothing()
    {
        await using var portal = TrainingPortal.WithoutWorker();
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2);

        var job = await portal.Services.GetRequiredService<AutoRetrainScheduler>().CheckOnceAsync();

        Assert.Null(job);
        Assert.Empty(await admin.GetJobsAsync());
    }

    [Fact]
    public async Task EnoughNewVersesStartTheConfiguredPresetForTheAdminWhoTurnedItOn()
    {
        await using var portal = TrainingPortal.WithoutWorker();
        using var admin = portal.CreateAdminClient();
        var scheduler = portal.Services.GetRequiredService<AutoRetrainScheduler>();
        var adminId = await AdminIdAsync(portal);
        await portal.Services.GetRequiredService<PortalSettingsStore>().SaveAutoRetrainAsync(new AutoRetrainSettings(2, null, RetrainPreset.Quick), adminId);

        await admin.AddVersesAsync(1);
        var tooFew = await scheduler.CheckOnceAsync();
        await admin.AddVersesAsync(2);
        var job = await scheduler.CheckOnceAsync();
        var whileQueued = await scheduler.CheckOnceAsync();

        Assert.Null(tooFew);
        Assert.NotNull(job);
        Assert.Equal(adminId, job.RequestedById);
        Assert.Equal(RetrainPreset.Quick, job.Preset);
        Assert.Equal(2, job.VerseCount);
        // One job at a time: while it is queued the check starts nothing more.
        Assert.Null(whileQueued);
        Assert.Single(await admin.GetJobsAsync());
    }

    [Fact]
    public async Task AScheduleStartsAJobWhenSomethingIsNew()
    {
        await using var portal = TrainingPortal.WithoutWorker();
        using var admin = portal.CreateAdminClient();
        var scheduler = portal.Services.GetRequiredService<AutoRetrainScheduler>();
        await portal.Services.GetRequiredService<PortalSettingsStore>()
            .SaveAutoRetrainAsync(new AutoRetrainSettings(null, 24, RetrainPreset.Scratch), await AdminIdAsync(portal));

        var nothingNew = await scheduler.CheckOnceAsync();
        await admin.AddVersesAsync(1);
        var job = await scheduler.CheckOnceAsync();

        Assert.Null(nothingNew);
        Assert.NotNull(job);
        Assert.Equal(RetrainPreset.Scratch, job.Preset);
    }

    private static async Task<string> AdminIdAsync(PortalFactory portal)
    {
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return (await users.FindByNameAsync(PortalFactory.AdminUser))!.Id;
    }
}
