using Portal.Core.Access;
using Portal.Core.Training;
using Portal.Core.Versions;
using Portal.Web.Services.Versions;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Versions;

/// <summary>With auto-promote on, a job whose checklist passes completely becomes a version without anyone's click.</summary>
[Collection(VersionRuns.Name)]
public sealed class AutoPromoteTests(TrainedCandidates trained)
{
    [Fact]
    public async Task AFinishedJobWithAPassingChecklistBecomesAVersionByItself()
    {
        await using var portal = trained.Start(withWorker: true);
        var admin = await portal.AdminAsync();
        await portal.Versions.SetAutoPromoteAsync(admin, true);
        using var client = portal.CreateAdminClient();

        var queued = await client.QueueAsync(TrainedCandidates.PassingSettings);
        var row = await portal.Versions.RowAsync(r => r.Version.JobId == queued.Id && r.Version.PushState == PushState.Pushed);

        var job = await client.GetJobAsync(queued.Id);
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.True(PromotionRules.PassesCompletely(job.Checklist));
        Assert.Equal(1, row.Version.Number);
        Assert.Equal(AutoPromoter.Note, row.Version.Note);
        Assert.Equal(admin.UserName, row.Version.PromotedByName);
        Assert.False(row.Version.Overridden);
        Assert.True(await portal.Versions.AutoPromoteAsync());
    }

    [Fact]
    public async Task OnlyAdminsTurnAutoPromoteOn()
    {
        await using var portal = trained.Start();
        var writer = new Actor("someone", "someone", IsAdmin: false);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Versions.SetAutoPromoteAsync(writer, true));

        Assert.False(await portal.Versions.AutoPromoteAsync());
    }
}
