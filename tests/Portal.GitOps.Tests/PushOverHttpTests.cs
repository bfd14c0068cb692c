using Portal.Core.Versions;
using Portal.GitOps.Tests.Support;

namespace Portal.GitOps.Tests;

[Collection(GitServerCollection.Name)]
public sealed class PushOverHttpTests(GitHttpServer server) : IDisposable
{
    private readonly DeploySandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task PromotionPushesACommitAndAnAnnotatedTagThatGitCloneShows()
    {
        var name = server.CreateRepository();
        var deploy = sandbox.ForServer(server, name);
        var change = Candidates.Promotion(sandbox.Temp.Path, 1);

        var commit = await deploy.ApplyAsync(change);
        var push = await deploy.PushAsync(change);

        Assert.True(push.Pushed, push.Error);
        Assert.Null(push.Error);
        Assert.False(push.Reapplied);
        Assert.Equal(commit.CommitSha, push.CommitSha);
        var clone = GitCli.Clone(server.UrlWithCredentialsOf(name), sandbox.Temp.Combine("witness"));
        Assert.Equal(commit.CommitSha, GitCli.Run(clone, "rev-parse", "HEAD"));
        Assert.Equal(commit.CommitSha, GitCli.Run(clone, "rev-parse", "v1^{commit}"));
        Assert.Equal("tag", GitCli.Run(clone, "cat-file", "-t", "v1"));
        Assert.Equal("main", GitCli.Run(clone, "rev-parse", "--abbrev-ref", "HEAD"));
        Assert.Equal("Deploy repository created by Verse Portal", GitCli.Run(clone, "log", "-1", "--format=%s", "HEAD~1"));
        var manifest = ManifestJson.Read(clone);
        Assert.Equal(1, manifest.Version);
        Assert.Equal(change.Manifest.Files, manifest.Files);
        Assert.Equal([], ManifestFiles.Verify(clone, manifest));
        Assert.Equal(change.ModelCard, File.ReadAllText(Path.Combine(clone, "MODEL_CARD.md")));
        Assert.Equal("# Version log\n\n" + Candidates.LogEntry(1) + "\n", File.ReadAllText(Path.Combine(clone, "VERSION_LOG.md")));
        Assert.Contains(sandbox.Log.Lines, line => line.Contains("Pushed v1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecondPromotionReplacesTheModelFolderEntirely()
    {
        var name = server.CreateRepository();
        var deploy = sandbox.ForServer(server, name);
        var first = Candidates.Promotion(sandbox.Temp.Path, 1, extraFiles: new Dictionary<string, string> { ["tokenizer/merges.txt"] = "#version: 0.2\n" });
        var second = Candidates.Promotion(sandbox.Temp.Path, 2);

        await deploy.ApplyAsync(first);
        Assert.True((await deploy.PushAsync(first)).Pushed);
        await deploy.ApplyAsync(second);
        Assert.True((await deploy.PushAsync(second)).Pushed);

        var clone = GitCli.Clone(server.UrlWithCredentialsOf(name), sandbox.Temp.Combine("witness"));
        Assert.False(File.Exists(Path.Combine(clone, "model", "tokenizer", "merges.txt")));
        Assert.Equal([], ManifestFiles.Verify(clone, ManifestJson.Read(clone)));
        Assert.Equal("model/tokenizer/merges.txt", GitCli.Run(clone, "ls-tree", "-r", "--name-only", "v1", "model/tokenizer"));
        Assert.Equal("# Version log\n\n" + Candidates.LogEntry(2) + "\n\n" + Candidates.LogEntry(1) + "\n", File.ReadAllText(Path.Combine(clone, "VERSION_LOG.md")));
    }

    [Fact]
    public async Task WrongTokenFailsFastWithAnAuthenticationErrorThatNamesNoSecret()
    {
        const string wrongToken = "wrong-token-7f3c9e";
        var name = server.CreateRepository();
        var deploy = sandbox.ForServer(server, name, configure: o => o.Token = wrongToken);
        var change = Candidates.Promotion(sandbox.Temp.Path, 1);
        await deploy.ApplyAsync(change);
        var requestsBefore = server.RequestCount(name);
        var refusedBefore = server.UnauthorizedCount(name);

        var push = await deploy.PushAsync(change);

        // libgit2 asks once without credentials (401), once with the wrong ones (401), and is stopped there; left to
        // itself it would replay the refused token over and over.
        var requests = server.RequestCount(name) - requestsBefore;
        Assert.False(push.Pushed);
        Assert.Equal($"Authentication failed at {server.UrlOf(name)}: check the deploy token.", push.Error);
        Assert.InRange(requests, 1, 3);
        Assert.Equal(requests, server.UnauthorizedCount(name) - refusedBefore);
        Assert.DoesNotContain(wrongToken, push.Error!, StringComparison.Ordinal);
        Assert.DoesNotContain(sandbox.Log.Lines, line => line.Contains(wrongToken, StringComparison.Ordinal));
        Assert.DoesNotContain(wrongToken, File.ReadAllText(Path.Combine(sandbox.WorkingDirectory(), ".git", "config")), StringComparison.Ordinal);
        Assert.Equal(push.CommitSha, GitCli.Run(sandbox.WorkingDirectory(), "rev-parse", "v1^{commit}"));
    }

    [Fact]
    public async Task RemoteThatAsksForCredentialsWhenNoneAreConfiguredSaysToSetAToken()
    {
        var name = server.CreateRepository();
        var deploy = sandbox.Create(sandbox.Options(server.UrlOf(name)));
        var change = Candidates.Promotion(sandbox.Temp.Path, 1);
        await deploy.ApplyAsync(change);
        var requestsBefore = server.RequestCount(name);

        var push = await deploy.PushAsync(change);

        Assert.False(push.Pushed);
        Assert.Equal($"Authentication failed at {server.UrlOf(name)}: the remote asks for credentials; set a deploy token.", push.Error);
        Assert.InRange(server.RequestCount(name) - requestsBefore, 1, 2);
    }

    [Fact]
    public async Task PreReceiveRejectionIsAFailedPushWithTheServersMessageAndTheVersionStaysCommitted()
    {
        var name = server.CreateRepository();
        server.RejectPushes(name, "Deploys are frozen for the release");
        var deploy = sandbox.ForServer(server, name);
        var change = Candidates.Promotion(sandbox.Temp.Path, 1);
        var commit = await deploy.ApplyAsync(change);

        var push = await deploy.PushAsync(change);

        Assert.False(push.Pushed);
        Assert.Equal(commit.CommitSha, push.CommitSha);
        Assert.StartsWith($"The remote at {server.UrlOf(name)} refused the push: ", push.Error);
        Assert.Contains("refs/heads/main: pre-receive hook declined", push.Error, StringComparison.Ordinal);
        Assert.Equal("", GitCli.Run(null, "ls-remote", server.UrlWithCredentialsOf(name)));
        var local = sandbox.WorkingDirectory();
        Assert.Equal(commit.CommitSha, GitCli.Run(local, "rev-parse", "main"));
        Assert.Equal(commit.CommitSha, GitCli.Run(local, "rev-parse", "v1^{commit}"));
        Assert.Equal("", GitCli.Run(local, "status", "--porcelain"));
        Assert.Contains(sandbox.Log.Lines, line => line.StartsWith("Warning: Push of v1", StringComparison.Ordinal) && line.Contains("pre-receive hook declined", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemoteThatMovedAheadGetsTheChangeAppliedOnTopWithoutForce()
    {
        var name = server.CreateRepository();
        var deploy = sandbox.ForServer(server, name);
        var first = Candidates.Promotion(sandbox.Temp.Path, 1);
        await deploy.ApplyAsync(first);
        Assert.True((await deploy.PushAsync(first)).Pushed);

        // Someone else's clone writes a log entry and pushes before the portal's next version.
        var other = GitCli.Clone(server.UrlWithCredentialsOf(name), sandbox.Temp.Combine("other"));
        var otherLog = Path.Combine(other, "VERSION_LOG.md");
        File.WriteAllText(otherLog, File.ReadAllText(otherLog).Replace("# Version log\n\n", "# Version log\n\n## Hand edit\n\nNoted the studio session.\n\n", StringComparison.Ordinal));
        GitCli.Run(other, "commit", "--quiet", "-am", "Note the studio session");
        GitCli.Run(other, "push", "--quiet", "origin", "main");
        var theirs = GitCli.Run(other, "rev-parse", "HEAD");

        var second = Candidates.Promotion(sandbox.Temp.Path, 2);
        var committed = await deploy.ApplyAsync(second);
        var push = await deploy.PushAsync(second);

        Assert.True(push.Pushed, push.Error);
        Assert.True(push.Reapplied);
        Assert.NotEqual(committed.CommitSha, push.CommitSha);
        var witness = GitCli.Clone(server.UrlWithCredentialsOf(name), sandbox.Temp.Combine("witness"));
        Assert.Equal(push.CommitSha, GitCli.Run(witness, "rev-parse", "HEAD"));
        Assert.Equal(push.CommitSha, GitCli.Run(witness, "rev-parse", "v2^{commit}"));
        Assert.Equal(theirs, GitCli.Run(witness, "rev-parse", "HEAD^"));
        Assert.Equal("", GitCli.Run(witness, "rev-list", "--merges", "HEAD"));
        Assert.Equal(
            "# Version log\n\n" + Candidates.LogEntry(2) + "\n\n## Hand edit\n\nNoted the studio session.\n\n" + Candidates.LogEntry(1) + "\n",
            File.ReadAllText(Path.Combine(witness, "VERSION_LOG.md")));
        Assert.Equal([], ManifestFiles.Verify(witness, ManifestJson.Read(witness)));
        Assert.Equal(push.CommitSha, GitCli.Run(sandbox.WorkingDirectory(), "rev-parse", "v2^{commit}"));
    }

    [Fact]
    public async Task CredentialsInTheRemoteUrlAreUsedButNeverWrittenToGitConfig()
    {
        var name = server.CreateRepository();
        var deploy = sandbox.Create(sandbox.Options(server.UrlWithCredentialsOf(name)));
        var change = Candidates.Promotion(sandbox.Temp.Path, 1);

        await deploy.ApplyAsync(change);
        var push = await deploy.PushAsync(change);

        Assert.True(push.Pushed, push.Error);
        Assert.Equal(server.UrlOf(name), deploy.Remote.Url);
        Assert.False(deploy.Remote.IsLocalDefault);
        var config = File.ReadAllText(Path.Combine(sandbox.WorkingDirectory(), ".git", "config"));
        Assert.Contains(server.UrlOf(name), config, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Password, config, StringComparison.Ordinal);
        Assert.DoesNotContain(GitHttpServer.UserName + ":", config, StringComparison.Ordinal);
        Assert.DoesNotContain(sandbox.Log.Lines, line => line.Contains(server.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TokenFromTheOptionsNeverReachesGitConfigOrTheLog()
    {
        var name = server.CreateRepository();
        var deploy = sandbox.ForServer(server, name);
        var change = Candidates.Promotion(sandbox.Temp.Path, 1);

        await deploy.ApplyAsync(change);
        Assert.True((await deploy.PushAsync(change)).Pushed);

        var gitDirectory = Path.Combine(sandbox.WorkingDirectory(), ".git");
        foreach (var file in new[] { "config", "FETCH_HEAD", "logs/HEAD" }.Select(f => Path.Combine(gitDirectory, f)).Where(File.Exists))
            Assert.DoesNotContain(server.Password, File.ReadAllText(file), StringComparison.Ordinal);
        Assert.DoesNotContain(sandbox.Log.Lines, line => line.Contains(server.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingRemoteRepositoryIsAFailedPushThatSaysSo()
    {
        var deploy = sandbox.ForServer(server, "nothing-here");
        var change = Candidates.Promotion(sandbox.Temp.Path, 1);
        var commit = await deploy.ApplyAsync(change);

        var push = await deploy.PushAsync(change);

        Assert.False(push.Pushed);
        Assert.Equal(commit.CommitSha, push.CommitSha);
        Assert.StartsWith($"There is no repository at {server.UrlOf("nothing-here")}", push.Error);
    }

    [Fact]
    public async Task FirstUseClonesARemoteThatHoldsTheBranchAlready()
    {
        var name = server.CreateRepository();
        var first = sandbox.ForServer(server, name, clone: "first");
        var v1 = Candidates.Promotion(sandbox.Temp.Path, 1);
        await first.ApplyAsync(v1);
        Assert.True((await first.PushAsync(v1)).Pushed);

        var second = sandbox.ForServer(server, name, clone: "second");
        var v2 = Candidates.Promotion(sandbox.Temp.Path, 2);
        var commit = await second.ApplyAsync(v2);
        var push = await second.PushAsync(v2);

        Assert.True(push.Pushed, push.Error);
        Assert.False(push.Reapplied);
        Assert.Equal(commit.CommitSha, push.CommitSha);
        Assert.Equal(GitCli.Run(sandbox.WorkingDirectory("first"), "rev-parse", "v1^{commit}"), GitCli.Run(sandbox.WorkingDirectory("second"), "rev-parse", "HEAD^"));
        Assert.Equal(Candidates.LogEntry(1) + "\n", (await second.ReadFileAsync(2, "VERSION_LOG.md"))!.Split(Candidates.LogEntry(2) + "\n\n")[1]);
    }
}
