using System.Net;
using Portal.Core.Versions;
using Portal.GitOps.Tests.Support;
using Portal.Web.Services.Versions.Reconcile;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Versions;
using GitCli = Portal.GitOps.Tests.Support.GitCli;

namespace Portal.Web.Tests.Faults.Promotion;

/// <summary>
/// The portal as its own process, killed with SIGKILL in the middle of a promotion and started again on the same data:
/// the deploy repository is consistent (no half commit, no stray lock), the version has its record with its true push
/// state, and once the remote answers the version is pushed by itself.
/// </summary>
[Collection(VersionRuns.Name)]
public sealed class KilledPromotionTests(TrainedCandidates trained, GitHttpServer server) : IClassFixture<GitHttpServer>
{
    /// <summary>The first run reconciles only at start, so that nothing but the promotion touches git before the kill.</summary>
    private const int Rarely = 3600;

    [Fact]
    public async Task KilledAfterCommittingButBeforeRecordingTheVersionItsRecordIsRestoredAndItIsPushed()
    {
        await using var data = trained.Start();
        using var remote = new DeployRemote(server, GateMode.Open);
        var clone = new DeployClone(data.DataDirectory);

        await using (var first = await PortalProcess.StartAsync(data.DataDirectory, remote.Settings(Rarely)))
        {
            using var admin = first.CreateAdminClient();
            // A first call before the database is held: the token and the portal are known to work.
            await admin.ListVersionsAsync();
            using (new DatabaseWriteLock(data.DataDirectory))
            {
                var promoting = admin.PostPromoteAsync(trained.Passing.Id, "Killed before its record");
                await first.UntilAsync(() => clone.HasOnBranch("v1"), "v1 was committed");
                first.Kill();
                Assert.NotNull(await Record.ExceptionAsync(() => promoting));
            }
        }

        remote.Gate.Set(GateMode.Down);
        await using var second = await PortalProcess.StartAsync(data.DataDirectory, remote.Settings(reconcileSeconds: 1));
        var committed = await second.VersionAsync(1, v => v.PushError?.StartsWith(DeployReconciler.NotPushedYet, StringComparison.Ordinal) == true);

        clone.AssertConsistent("v1");
        Assert.Equal(PushState.Committed, committed.PushState);
        Assert.Equal(clone.CommitOf("v1"), committed.CommitSha);
        Assert.Equal(trained.Passing.Id, committed.JobId);
        Assert.Equal(trained.Passing.SnapshotHash, committed.DatasetHash);
        Assert.Equal(trained.Passing.VerseCount, committed.VerseCount);
        Assert.Equal(trained.Passing.Metrics!.FinalLoss, committed.ValidationLoss);
        Assert.Equal(PortalFactory.AdminUser, committed.PromotedByName);
        Assert.Equal("Killed before its record", committed.Note);
        Assert.Empty(remote.Tags());
        await AssertPageShowsCommittedNotPushedAsync(second);

        remote.Gate.Set(GateMode.Open);
        var pushed = await second.VersionAsync(1, v => v.PushState == PushState.Pushed);

        Assert.Null(pushed.PushError);
        Assert.Equal(pushed.CommitSha, remote.Tags()["v1"]);
        using var admin2 = second.CreateAdminClient();
        Assert.Single(await admin2.ListVersionsAsync());
    }

    [Fact]
    public async Task KilledWhileThePushHangsBeforeReachingTheRemoteTheVersionStaysCommittedAndIsPushedLater()
    {
        await using var data = trained.Start();
        using var remote = new DeployRemote(server, GateMode.Open);
        var clone = new DeployClone(data.DataDirectory);

        await using (var first = await PortalProcess.StartAsync(data.DataDirectory, remote.Settings(Rarely)))
        {
            using var admin = first.CreateAdminClient();
            Assert.Equal(PushState.Pushed, (await admin.PromoteAsync(trained.Passing.Id)).PushState);
            remote.Gate.Set(GateMode.Stalled);
            var promoting = admin.PostPromoteAsync(trained.Failing.Id, "Killed while its push hangs", overrideChecklist: true);
            await first.UntilAsync(() => remote.Gate.StalledConnections > 0, "the push of v2 reached the hanging remote");
            first.Kill();
            Assert.NotNull(await Record.ExceptionAsync(() => promoting));
        }

        remote.Gate.Set(GateMode.Down);
        await using var second = await PortalProcess.StartAsync(data.DataDirectory, remote.Settings(reconcileSeconds: 1));
        var committed = await second.VersionAsync(2, v => v.PushError?.StartsWith(DeployReconciler.NotPushedYet, StringComparison.Ordinal) == true);

        clone.AssertConsistent("v1", "v2");
        Assert.Equal(PushState.Committed, committed.PushState);
        Assert.Equal(clone.CommitOf("v2"), committed.CommitSha);
        Assert.Equal(PushState.Pushed, (await second.VersionAsync(1, _ => true)).PushState);
        Assert.Equal(["v1"], remote.Tags().Keys);

        remote.Gate.Set(GateMode.Open);
        var pushed = await second.VersionAsync(2, v => v.PushState == PushState.Pushed);

        Assert.Equal(pushed.CommitSha, remote.Tags()["v2"]);
        Assert.Equal(pushed.CommitSha, GitCli.Run(remote.BarePath, "rev-parse", "main"));
    }

    [Fact]
    public async Task KilledWhileTheRemoteHoldsThePushTheVersionShowsItWasNotPushedAndIsPushedAgain()
    {
        await using var data = trained.Start();
        using var remote = new DeployRemote(server, GateMode.Open);
        var clone = new DeployClone(data.DataDirectory);

        using var markers = new TempDirectory();
        await using (var first = await PortalProcess.StartAsync(data.DataDirectory, remote.Settings(Rarely)))
        using (var hook = new HeldPushHook(remote.BarePath, markers.Path))
        {
            using var admin = first.CreateAdminClient();
            var promoting = admin.PostPromoteAsync(trained.Passing.Id, "Killed during its push");
            await first.UntilAsync(() => hook.Holding, "the push of v1 was held on the remote");
            first.Kill();
            Assert.NotNull(await Record.ExceptionAsync(() => promoting));
        }

        remote.Gate.Set(GateMode.Down);
        await using var second = await PortalProcess.StartAsync(data.DataDirectory, remote.Settings(reconcileSeconds: 1));
        var committed = await second.VersionAsync(1, v => v.PushError?.StartsWith(DeployReconciler.NotPushedYet, StringComparison.Ordinal) == true);

        clone.AssertConsistent("v1");
        Assert.Equal(PushState.Committed, committed.PushState);
        Assert.Equal(clone.CommitOf("v1"), committed.CommitSha);
        Assert.Empty(remote.Tags());

        remote.Gate.Set(GateMode.Open);
        var pushed = await second.VersionAsync(1, v => v.PushState == PushState.Pushed);

        Assert.Equal(pushed.CommitSha, remote.Tags()["v1"]);
        Assert.Equal(pushed.CommitSha, GitCli.Run(remote.BarePath, "rev-parse", "main"));
    }

    private static async Task AssertPageShowsCommittedNotPushedAsync(PortalProcess portal)
    {
        using var admin = portal.CreateAdminClient();
        using var page = await admin.GetAsync("/versions");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-push=\"Committed\"", html, StringComparison.Ordinal);
        Assert.Contains("Committed, not pushed", html, StringComparison.Ordinal);
    }
}
