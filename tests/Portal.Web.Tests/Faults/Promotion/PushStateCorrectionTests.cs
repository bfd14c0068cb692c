using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Versions;
using Portal.GitOps.Tests.Support;
using Portal.Web.Services.Versions.Reconcile;
using Portal.Web.Tests.Versions;
using GitCli = Portal.GitOps.Tests.Support.GitCli;

namespace Portal.Web.Tests.Faults.Promotion;

/// <summary>
/// A version record whose push state disagrees with what the remote really has is corrected by the reconcile: the
/// remote is the truth, and what it lacks is pushed again.
/// </summary>
[Collection(VersionRuns.Name)]
public sealed class PushStateCorrectionTests(TrainedCandidates trained, GitHttpServer server) : IClassFixture<GitHttpServer>
{
    /// <summary>The loop's own passes stay out of the way: the test runs the reconcile itself.</summary>
    private const int Rarely = 3600;

    [Fact]
    public async Task ARecordThatSaysPushedWhileTheRemoteLostTheVersionIsCorrectedAndPushedAgain()
    {
        using var remote = new DeployRemote(server, GateMode.Open);
        await using var portal = trained.Start(settings: remote.Settings(Rarely));
        using var admin = portal.CreateAdminClient();
        var promoted = await admin.PromoteAsync(trained.Passing.Id);
        Assert.Equal(PushState.Pushed, promoted.PushState);
        // Someone deleted the tag on the remote (a host restored from an old backup, a person cleaning up).
        GitCli.Run(remote.BarePath, "tag", "-d", "v1");

        var status = await Reconciler(portal).ReconcileAsync(withRemote: true);

        Assert.True(status.Healthy, string.Join(" ", status.Problems));
        Assert.Equal((1, 1, 0), (status.Corrected, status.Pushed, status.Restored));
        Assert.Equal(promoted.CommitSha, remote.Tags()["v1"]);
        Assert.Equal(PushState.Pushed, (await admin.ListVersionsAsync()).Single().PushState);
    }

    [Fact]
    public async Task ARecordThatSaysCommittedWhileTheRemoteHasTheVersionIsMarkedPushedWithoutAnotherPush()
    {
        using var remote = new DeployRemote(server, GateMode.Down);
        await using var portal = trained.Start(settings: remote.Settings(Rarely));
        using var admin = portal.CreateAdminClient();
        var committed = await admin.PromoteAsync(trained.Passing.Id);
        Assert.Equal(PushState.Committed, committed.PushState);
        // The push reached the remote but its answer never reached the portal.
        GitCli.Run(Path.Combine(portal.DataDirectory, "deploy"), "push", "--quiet", remote.BarePath, "main", "v1");
        remote.Gate.Set(GateMode.Open);

        var status = await Reconciler(portal).ReconcileAsync(withRemote: true);

        Assert.True(status.Healthy, string.Join(" ", status.Problems));
        Assert.Equal((1, 0), (status.Corrected, status.Pushed));
        var version = (await admin.ListVersionsAsync()).Single();
        Assert.Equal(PushState.Pushed, version.PushState);
        Assert.Null(version.PushError);
        Assert.Equal(committed.CommitSha, version.CommitSha);
    }

    private static DeployReconciler Reconciler(VersionPortal portal) => portal.Portal.Services.GetRequiredService<DeployReconciler>();
}
