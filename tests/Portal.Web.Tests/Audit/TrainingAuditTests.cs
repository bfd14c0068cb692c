using System.Net;
using Portal.Core.Audit;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Audit;

/// <summary>Queuing and cancelling training through the API are recorded; pressing the button again for the same job is not a new action.</summary>
public sealed class TrainingAuditTests
{
    [Fact]
    public async Task QueuingAJobAndCancellingItAreRecordedAgainstThatJob()
    {
        await using var portal = TrainingPortal.WithoutWorker();
        var ana = await portal.CreateWriterAsync("ana");
        using var writer = portal.CreateBearerClient(ana.Token);
        using var admin = portal.CreateAdminClient();
        await writer.AddVersesAsync(1, 2, 3, 4);

        var queued = await writer.QueueAsync(TinyJob.Settings());
        var joined = await writer.QueueAsync(TinyJob.Settings());
        using var cancelled = await admin.DeleteAsync($"/api/training/jobs/{queued.Id}");

        Assert.True(joined.Joined);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var queue = await admin.SingleAsync(AuditAction.TrainingQueued);
        AuditApi.AssertEntry(queue, "ana", AuditAction.TrainingQueued, $"job {queued.Id}");
        Assert.Contains("4 verses", queue.Detail, StringComparison.Ordinal);
        AuditApi.AssertEntry(await admin.SingleAsync(AuditAction.TrainingCancelled), PortalFactory.AdminUser, AuditAction.TrainingCancelled, $"job {queued.Id}");
    }

    [Fact]
    public async Task ACancelOfSomeoneElsesJobIsRefusedAndNotRecorded()
    {
        await using var portal = TrainingPortal.WithoutWorker();
        var ana = await portal.CreateWriterAsync("ana");
        var bob = await portal.CreateWriterAsync("bob");
        using var owner = portal.CreateBearerClient(ana.Token);
        using var other = portal.CreateBearerClient(bob.Token);
        using var admin = portal.CreateAdminClient();
        await owner.AddVersesAsync(1, 2, 3, 4);
        var queued = await owner.QueueAsync(TinyJob.Settings());

        using var refused = await other.DeleteAsync($"/api/training/jobs/{queued.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty((await admin.GetAuditAsync($"?action={AuditAction.TrainingCancelled}")).Items);
    }
}
