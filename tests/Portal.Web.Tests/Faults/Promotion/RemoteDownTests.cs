using System.Net;
using Portal.Core.Versions;
using Portal.GitOps.Tests.Support;
using Portal.Web.Services.Training;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Versions;
using GitCli = Portal.GitOps.Tests.Support.GitCli;

namespace Portal.Web.Tests.Faults.Promotion;

/// <summary>
/// A promotion while the deploy remote is down is "committed, not pushed", on the API and on the Versions page; the
/// portal pushes it by itself once the remote is back, with nothing lost: model files, manifest and version log.
/// </summary>
[Collection(VersionRuns.Name)]
public sealed class RemoteDownTests(TrainedCandidates trained, GitHttpServer server) : IClassFixture<GitHttpServer>
{
    [Fact]
    public async Task APromotionWhileTheRemoteIsDownIsCommittedNotPushedAndPushedByItselfWhenTheRemoteIsBack()
    {
        using var remote = new DeployRemote(server, GateMode.Down);
        await using var portal = trained.Start(settings: remote.Settings(reconcileSeconds: 1));
        using var admin = portal.CreateAdminClient();

        var committed = await admin.PromoteAsync(trained.Passing.Id, "Promoted while the remote is down");
        var listed = (await admin.ListVersionsAsync()).Single();
        using var page = await admin.GetAsync("/versions");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(PushState.Committed, committed.PushState);
        Assert.StartsWith($"Could not reach {remote.Url}", committed.PushError, StringComparison.Ordinal);
        Assert.Equal(PushState.Committed, listed.PushState);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Committed, not pushed", html, StringComparison.Ordinal);
        Assert.Empty(remote.Tags());

        remote.Gate.Set(GateMode.Open);
        var pushed = (await portal.Versions.RowAsync(row => row.Version is { Number: 1, PushState: PushState.Pushed })).Version;

        Assert.Null(pushed.PushError);
        Assert.NotNull(pushed.PushedAt);
        Assert.Equal(committed.CommitSha, pushed.CommitSha);
        Assert.Equal(pushed.CommitSha, remote.Tags()["v1"]);
        using var scratch = new TempDirectory();
        var serving = GitCli.Clone(remote.BarePath, Path.Combine(scratch.Path, "serving"));
        var manifest = ManifestJson.Read(serving);
        var candidate = Path.Combine(portal.DataDirectory, TrainingFolders.CandidatePath(trained.Passing.Id));
        Assert.Equal(ManifestFiles.Describe(candidate), manifest.Files);
        Assert.Equal([], ManifestFiles.Verify(serving, manifest));
        Assert.Equal(trained.Passing.SnapshotHash, manifest.DatasetHash);
        var log = File.ReadAllText(Path.Combine(serving, "VERSION_LOG.md"));
        Assert.Contains("Promoted while the remote is down", log, StringComparison.Ordinal);
        Assert.Contains("v1", log, StringComparison.Ordinal);
    }
}
