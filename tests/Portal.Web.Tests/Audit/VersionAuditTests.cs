using System.Net;
using Portal.Core.Audit;
using Portal.Core.Versions;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Audit;

/// <summary>Promotions, rollbacks and push retries made through the API are in the audit log, a failed push included.</summary>
[Collection(VersionRuns.Name)]
public sealed class VersionAuditTests(TrainedCandidates trained)
{
    [Fact]
    public async Task APromotionARollbackAndAPushRetryAreRecordedWithTheVersionsTheyMade()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        var first = await admin.PromoteAsync(trained.Passing.Id, "First model");
        var away = portal.RemoteDirectory + ".away";
        Directory.Move(portal.RemoteDirectory, away);
        // The push fails: the promotion happened (it is committed) and is recorded all the same.
        var second = await admin.PromoteAsync(trained.Failing.Id, "Overridden on purpose", overrideChecklist: true);
        Directory.Move(away, portal.RemoteDirectory);
        using var retry = await admin.PostPushAsync(2);
        var rollback = await admin.RollbackAsync(1, "Back to the first");

        Assert.Equal(PushState.Committed, second.PushState);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var promotions = (await admin.GetAuditAsync($"?action={AuditAction.VersionPromoted}")).Items;
        Assert.Equal([second.Tag, first.Tag], promotions.Select(e => e.Target));
        Assert.All(promotions, e => Assert.Equal(PortalFactory.AdminUser, e.ActorName));
        Assert.Contains($"job {trained.Failing.Id}'s candidate", promotions[0].Detail, StringComparison.Ordinal);
        Assert.Contains("checklist overridden: Overridden on purpose", promotions[0].Detail, StringComparison.Ordinal);
        Assert.Contains(second.CommitSha[..12], promotions[0].Detail, StringComparison.Ordinal);
        var pushed = await admin.SingleAsync(AuditAction.VersionPushRetried);
        AuditApi.AssertEntry(pushed, PortalFactory.AdminUser, AuditAction.VersionPushRetried, second.Tag);
        Assert.Equal("pushed", pushed.Detail);
        var rolledBack = await admin.SingleAsync(AuditAction.VersionRolledBack);
        AuditApi.AssertEntry(rolledBack, PortalFactory.AdminUser, AuditAction.VersionRolledBack, rollback.Tag);
        Assert.Contains($"returns to {first.Tag}", rolledBack.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APromotionThatIsRefusedIsNotRecorded()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();

        using var refused = await admin.PostPromoteAsync(trained.Failing.Id);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Empty((await admin.GetAuditAsync($"?action={AuditAction.VersionPromoted}")).Items);
    }
}
