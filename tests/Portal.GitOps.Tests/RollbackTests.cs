using Portal.Core.Versions;
using Portal.GitOps.Tests.Support;

namespace Portal.GitOps.Tests;

[Collection(GitServerCollection.Name)]
public sealed class RollbackTests(GitHttpServer server) : IDisposable
{
    private readonly DeploySandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task RollbackCommitsTheTreeOfVkOnTopInALinearHistory()
    {
        var name = server.CreateRepository();
        var deploy = sandbox.ForServer(server, name);
        var shas = new List<string>();
        foreach (var version in new[] { 1, 2 })
        {
            var promotion = Candidates.Promotion(sandbox.Temp.Path, version);
            shas.Add((await deploy.ApplyAsync(promotion)).CommitSha);
            Assert.True((await deploy.PushAsync(promotion)).Pushed);
        }
        var rollback = Candidates.Rollback(3, target: 1);

        var commit = await deploy.ApplyAsync(rollback);
        var push = await deploy.PushAsync(rollback);

        Assert.True(push.Pushed, push.Error);
        Assert.Equal(commit.CommitSha, push.CommitSha);
        var clone = GitCli.Clone(server.UrlWithCredentialsOf(name), sandbox.Temp.Combine("witness"));
        Assert.Equal(GitCli.Run(clone, "rev-parse", "v1^{tree}"), GitCli.Run(clone, "rev-parse", "HEAD^{tree}"));
        Assert.Equal(commit.CommitSha, GitCli.Run(clone, "rev-parse", "v3^{commit}"));
        Assert.Equal([commit.CommitSha, shas[1], shas[0]], GitCli.Run(clone, "rev-list", "--first-parent", "-3", "HEAD").Split('\n'));
        Assert.Equal("", GitCli.Run(clone, "rev-list", "--merges", "HEAD"));
        Assert.Equal(shas[0], GitCli.Run(clone, "rev-parse", "v1^{commit}"));
        Assert.Equal(shas[1], GitCli.Run(clone, "rev-parse", "v2^{commit}"));
        Assert.Equal(["v1", "v2", "v3"], GitCli.Run(clone, "tag", "--list").Split('\n'));
        Assert.Contains("rollback to v1", GitCli.Run(clone, "tag", "--list", "--format=%(contents)", "v3"), StringComparison.Ordinal);
        Assert.Equal(1, ManifestJson.Read(clone).Version);
        Assert.Equal([], ManifestFiles.Verify(clone, ManifestJson.Read(clone)));
        Assert.Equal("", GitCli.Run(sandbox.WorkingDirectory(), "status", "--porcelain"));
    }

    [Fact]
    public async Task RollbackToTheVersionTheBranchHoldsIsRefused()
    {
        var name = server.CreateRepository();
        var deploy = sandbox.ForServer(server, name);
        foreach (var version in new[] { 1, 2 })
            await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, version));
        var head = GitCli.Run(sandbox.WorkingDirectory(), "rev-parse", "HEAD");

        var refusal = await Assert.ThrowsAsync<DeployRefusedException>(() => deploy.ApplyAsync(Candidates.Rollback(3, target: 2)));

        Assert.Equal("v2 is what the branch holds already: there is nothing to roll back.", refusal.Message);
        Assert.Equal(head, GitCli.Run(sandbox.WorkingDirectory(), "rev-parse", "HEAD"));
        Assert.Equal(["v1", "v2"], GitCli.Run(sandbox.WorkingDirectory(), "tag", "--list").Split('\n'));
    }

    [Fact]
    public async Task RollbackToAVersionThatDoesNotExistIsRefused()
    {
        var name = server.CreateRepository();
        var deploy = sandbox.ForServer(server, name);
        await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 1));

        var refusal = await Assert.ThrowsAsync<DeployRefusedException>(() => deploy.ApplyAsync(Candidates.Rollback(2, target: 7)));

        Assert.Equal("There is no version v7.", refusal.Message);
        Assert.Equal("v1", GitCli.Run(sandbox.WorkingDirectory(), "tag", "--list"));
    }

    [Fact]
    public async Task RollbackAppliedAgainOnTopOfARemoteThatMovedKeepsVksTree()
    {
        var name = server.CreateRepository();
        var deploy = sandbox.ForServer(server, name);
        foreach (var version in new[] { 1, 2 })
        {
            var promotion = Candidates.Promotion(sandbox.Temp.Path, version);
            await deploy.ApplyAsync(promotion);
            Assert.True((await deploy.PushAsync(promotion)).Pushed);
        }
        var other = GitCli.Clone(server.UrlWithCredentialsOf(name), sandbox.Temp.Combine("other"));
        File.WriteAllText(Path.Combine(other, "NOTES.md"), "Studio notes\n");
        GitCli.Run(other, "add", "NOTES.md");
        GitCli.Run(other, "commit", "--quiet", "-m", "Add studio notes");
        GitCli.Run(other, "push", "--quiet", "origin", "main");
        var theirs = GitCli.Run(other, "rev-parse", "HEAD");

        var rollback = Candidates.Rollback(3, target: 1);
        await deploy.ApplyAsync(rollback);
        var push = await deploy.PushAsync(rollback);

        Assert.True(push.Pushed, push.Error);
        Assert.True(push.Reapplied);
        var witness = GitCli.Clone(server.UrlWithCredentialsOf(name), sandbox.Temp.Combine("witness"));
        Assert.Equal(theirs, GitCli.Run(witness, "rev-parse", "HEAD^"));
        Assert.Equal(GitCli.Run(witness, "rev-parse", "v1^{tree}"), GitCli.Run(witness, "rev-parse", "v3^{tree}"));
    }
}
