using System.Net;
using Portal.Core.Versions;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Versions;

/// <summary>POST /api/versions/{n}/rollback: a new version with an old tree, never a rewritten history.</summary>
[Collection(VersionRuns.Name)]
public sealed class RollbackTests(TrainedCandidates trained)
{
    [Fact]
    public async Task RollingBackToV1AfterV2CreatesV3WhoseTreeEqualsV1s()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        await admin.PromoteAsync(trained.Passing.Id);
        await admin.PromoteAsync(trained.Failing.Id, "Trying the rough one", overrideChecklist: true);

        var rollback = await admin.RollbackAsync(1, "v2 rambles");

        Assert.Equal(3, rollback.Number);
        Assert.Equal(1, rollback.RollbackOf);
        Assert.Equal(trained.Passing.Id, rollback.JobId);
        Assert.Equal(PushState.Pushed, rollback.PushState);
        using var scratch = new TempDirectory();
        var clone = GitCli.Clone(portal.RemoteDirectory, scratch.Path);
        Assert.Equal(new[] { "v1", "v2", "v3" }, GitCli.Tags(clone).Order());
        Assert.Equal(GitCli.TreeOf(clone, "v1"), GitCli.TreeOf(clone, "v3"));
        Assert.NotEqual(GitCli.TreeOf(clone, "v2"), GitCli.TreeOf(clone, "v3"));
        Assert.Equal(rollback.CommitSha, GitCli.Run(clone, "rev-parse", "HEAD").Trim());
        // History only grows: v2's commit is an ancestor of v3's.
        GitCli.Run(clone, "merge-base", "--is-ancestor", "v2", "v3");
        Assert.Contains("rollback to v1", GitCli.Run(clone, "tag", "-n99", "--list", "v3"), StringComparison.OrdinalIgnoreCase);

        var details = await admin.GetVersionAsync(3);
        Assert.StartsWith("## v1", details.VersionLogEntry);
        Assert.Equal(2, details.PreviousNumber);
    }

    [Fact]
    public async Task RollingBackToTheVersionThatIsCurrentIsRefused()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        await admin.PromoteAsync(trained.Passing.Id);

        using var toLatest = await admin.PostRollbackAsync(1);
        await admin.PromoteAsync(trained.Failing.Id, "Trying the rough one", overrideChecklist: true);
        await admin.RollbackAsync(1);
        using var toRolledBack = await admin.PostRollbackAsync(1);
        using var toRollback = await admin.PostRollbackAsync(3);

        Assert.Equal(HttpStatusCode.Conflict, toLatest.StatusCode);
        Assert.Contains("v1 is the current version", (await toLatest.ReadProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, toRolledBack.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, toRollback.StatusCode);
        Assert.Equal(new[] { 3, 2, 1 }, (await admin.ListVersionsAsync()).Select(v => v.Number));
    }
}
