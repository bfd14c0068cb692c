using LibGit2Sharp;
using Portal.Core.Versions;
using Portal.GitOps.Tests.Support;

namespace Portal.GitOps.Tests;

/// <summary>The local default remote (no server), and everything that never reaches a remote.</summary>
public sealed class LocalDeployTests : IDisposable
{
    private readonly DeploySandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    private string Clone => sandbox.WorkingDirectory();

    [Fact]
    public async Task LocalDefaultBareRemoteTakesThePushWithNoServer()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));
        var change = Candidates.Promotion(sandbox.Temp.Path, 1);

        var commit = await deploy.ApplyAsync(change);
        var push = await deploy.PushAsync(change);

        Assert.True(push.Pushed, push.Error);
        Assert.True(deploy.Remote.IsLocalDefault);
        Assert.Equal(sandbox.Temp.Combine("remote.git"), deploy.Remote.Url);
        Assert.Equal("main", deploy.Remote.Branch);
        var bare = sandbox.Temp.Combine("remote.git");
        Assert.Equal("true", GitCli.Run(bare, "rev-parse", "--is-bare-repository"));
        Assert.Equal("refs/heads/main", GitCli.Run(bare, "symbolic-ref", "HEAD"));
        Assert.Equal(commit.CommitSha, GitCli.Run(bare, "rev-parse", "v1^{commit}"));
        var witness = GitCli.Clone(bare, sandbox.Temp.Combine("witness"));
        Assert.Equal([], ManifestFiles.Verify(witness, ManifestJson.Read(witness)));
    }

    [Fact]
    public async Task TheNewRepositoryStartsFromEveryEmbeddedTemplate()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));

        await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 1));

        var templates = typeof(DeployRepository).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("RepoTemplate/", StringComparison.Ordinal)).Select(n => n["RepoTemplate/".Length..]).Order(StringComparer.Ordinal).ToList();
        var firstCommit = GitCli.Run(Clone, "ls-tree", "-r", "--name-only", "HEAD~1").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(templates, firstCommit);
        Assert.Equal("Deploy repository created by Verse Portal", GitCli.Run(Clone, "log", "-1", "--format=%s", "HEAD~1"));
        Assert.Equal("Verse Portal <portal@verse-portal.local>", GitCli.Run(Clone, "log", "-1", "--format=%an <%ae>", "HEAD"));
        Assert.Equal("Verse Portal <portal@verse-portal.local>", GitCli.Run(Clone, "log", "-1", "--format=%cn <%ce>", "HEAD"));
    }

    [Fact]
    public async Task OversizeFileIsRefusedBeforeAnythingIsCommitted()
    {
        var options = sandbox.Options(remoteUrl: null);
        options.MaxFileBytes = 2048;
        var deploy = sandbox.Create(options);
        var small = Candidates.Promotion(sandbox.Temp.Path, 1, weightBytes: 1000);
        await deploy.ApplyAsync(small);
        var head = GitCli.Run(Clone, "rev-parse", "HEAD");

        var refusal = await Assert.ThrowsAsync<DeployRefusedException>(() => deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 2, weightBytes: 3000)));

        Assert.Equal("model/model.safetensors is 2.9 KB; the deploy repository takes files up to 2 KB.", refusal.Message);
        Assert.Equal(head, GitCli.Run(Clone, "rev-parse", "HEAD"));
        Assert.Equal("v1", GitCli.Run(Clone, "tag", "--list"));
        Assert.Equal("", GitCli.Run(Clone, "status", "--porcelain", "--ignored"));
        Assert.Contains(sandbox.Log.Lines, line => line.StartsWith("Warning: Refused v2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OversizeFileOnFirstUseIsRefusedBeforeTheRepositoryIsCreated()
    {
        var options = sandbox.Options(remoteUrl: null);
        options.MaxFileBytes = 95L * 1024 * 1024;
        var deploy = sandbox.Create(options);
        var change = Candidates.Promotion(sandbox.Temp.Path, 1);
        // A sparse file: 120.3 MB on paper, nothing on disk.
        using (var weights = File.OpenWrite(Path.Combine(change.ModelFolder, "model.safetensors")))
            weights.SetLength((long)(120.3 * 1024 * 1024));

        var refusal = await Assert.ThrowsAsync<DeployRefusedException>(() => deploy.ApplyAsync(change));

        Assert.Equal("model/model.safetensors is 120.3 MB; the deploy repository takes files up to 95 MB.", refusal.Message);
        Assert.False(Directory.Exists(Clone));
        Assert.False(Directory.Exists(sandbox.Temp.Combine("remote.git")));
    }

    [Fact]
    public async Task TakenVersionNumberIsRefused()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));
        await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 1));
        var head = GitCli.Run(Clone, "rev-parse", "HEAD");

        var again = Candidates.Promotion(sandbox.Temp.Combine("again"), 1);
        var refusal = await Assert.ThrowsAsync<DeployRefusedException>(() => deploy.ApplyAsync(again));

        Assert.Equal("v1 already exists in the deploy repository: a version number is never used twice.", refusal.Message);
        Assert.Equal(head, GitCli.Run(Clone, "rev-parse", "HEAD"));
    }

    [Fact]
    public async Task ModelFilesThatDoNotMatchTheManifestAreRefusedAndLeaveNothingBehind()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));
        await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 1));
        var head = GitCli.Run(Clone, "rev-parse", "HEAD");
        var change = Candidates.Promotion(sandbox.Temp.Path, 2);
        // The candidate changed after its manifest was written.
        File.AppendAllText(Path.Combine(change.ModelFolder, "config.json"), " ");

        var refusal = await Assert.ThrowsAsync<DeployRefusedException>(() => deploy.ApplyAsync(change));

        Assert.StartsWith("The model files of v2 do not match its manifest, so nothing was committed: model/config.json:", refusal.Message);
        Assert.Equal(head, GitCli.Run(Clone, "rev-parse", "HEAD"));
        Assert.Equal("", GitCli.Run(Clone, "status", "--porcelain"));
        Assert.Equal("v1", GitCli.Run(Clone, "tag", "--list"));
    }

    [Fact]
    public async Task KilledMidChangeWorkingTreeIsCleanedBeforeTheNextPromotion()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));
        await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 1));
        // What a process killed half way through writing v2 leaves: a lock, stray and half-written files, a staged change.
        File.WriteAllText(Path.Combine(Clone, "model", "stray-checkpoint.bin"), "half a checkpoint");
        Directory.CreateDirectory(Path.Combine(Clone, "scratch"));
        File.WriteAllText(Path.Combine(Clone, "scratch", "notes.txt"), "stray");
        File.WriteAllText(Path.Combine(Clone, "MODEL_CARD.md"), "half a model ca");
        File.WriteAllText(Path.Combine(Clone, "staged.txt"), "staged and never committed");
        GitCli.Run(Clone, "add", "staged.txt");
        File.WriteAllText(Path.Combine(Clone, ".git", "index.lock"), "");

        var change = Candidates.Promotion(sandbox.Temp.Path, 2);
        var commit = await deploy.ApplyAsync(change);

        Assert.False(File.Exists(Path.Combine(Clone, ".git", "index.lock")));
        Assert.Contains(sandbox.Log.Lines, line => line.StartsWith("Warning: Removed 1 lock files", StringComparison.Ordinal));
        Assert.Contains(sandbox.Log.Lines, line => line.StartsWith("Warning: The deploy repository's working clone held 4 changed or stray files", StringComparison.Ordinal));
        var files = GitCli.Run(Clone, "ls-tree", "-r", "--name-only", "v2").Split('\n');
        Assert.DoesNotContain("model/stray-checkpoint.bin", files);
        Assert.DoesNotContain("scratch/notes.txt", files);
        Assert.DoesNotContain("staged.txt", files);
        Assert.Equal(change.ModelCard, GitCli.Run(Clone, "show", "v2:MODEL_CARD.md") + "\n");
        Assert.Equal("", GitCli.Run(Clone, "status", "--porcelain"));
        Assert.Equal(commit.CommitSha, GitCli.Run(Clone, "rev-parse", "HEAD"));
        Assert.Equal([], ManifestFiles.Verify(Clone, ManifestJson.Read(Clone)));
    }

    [Fact]
    public async Task TagLeftByAProcessKilledBeforeTheBranchMovedDoesNotBlockTheRetry()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));
        await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 1));
        var head = GitCli.Run(Clone, "rev-parse", "HEAD");
        // The commit object and the tag were written, the branch never moved.
        using (var repository = new Repository(Clone))
        {
            var signature = new Signature("Verse Portal", "portal@verse-portal.local", DateTimeOffset.Now);
            var orphan = repository.ObjectDatabase.CreateCommit(signature, signature, "Promote v2", repository.Head.Tip.Tree, [repository.Head.Tip], true);
            repository.Tags.Add("v2", orphan, signature, "Promote v2\n");
        }

        var commit = await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 2));

        Assert.Equal(commit.CommitSha, GitCli.Run(Clone, "rev-parse", "v2^{commit}"));
        Assert.Equal(head, GitCli.Run(Clone, "rev-parse", "HEAD^"));
    }

    [Fact]
    public async Task PushAppliesAVersionTheWorkingCloneLost()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));
        var change = Candidates.Promotion(sandbox.Temp.Path, 1);
        await deploy.ApplyAsync(change);
        GitCli.Run(Clone, "reset", "--quiet", "--hard", "HEAD^");
        GitCli.Run(Clone, "tag", "-d", "v1");

        var push = await deploy.PushAsync(change);

        Assert.True(push.Pushed, push.Error);
        Assert.True(push.Reapplied);
        Assert.Equal(push.CommitSha, GitCli.Run(Clone, "rev-parse", "v1^{commit}"));
        Assert.Equal(push.CommitSha, GitCli.Run(sandbox.Temp.Combine("remote.git"), "rev-parse", "v1^{commit}"));
    }

    [Fact]
    public async Task UnreachableRemoteIsAFailedPushNotAnException()
    {
        var deploy = sandbox.Create(sandbox.Options("http://127.0.0.1:9/deploy.git"));
        var change = Candidates.Promotion(sandbox.Temp.Path, 1);
        var commit = await deploy.ApplyAsync(change);

        var push = await deploy.PushAsync(change);

        Assert.False(push.Pushed);
        Assert.Equal(commit.CommitSha, push.CommitSha);
        Assert.StartsWith("Could not reach http://127.0.0.1:9/deploy.git: ", push.Error);
        Assert.Contains(sandbox.Log.Lines, line => line.StartsWith("Warning: Could not read the deploy remote", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadFileAndExportModelGiveAVersionsFiles()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));
        Assert.Null(await deploy.ReadFileAsync(1, "MODEL_CARD.md"));
        var first = Candidates.Promotion(sandbox.Temp.Path, 1, extraFiles: new Dictionary<string, string> { ["tokenizer/vocab.json"] = "{}" });
        await deploy.ApplyAsync(first);
        await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 2));

        Assert.Equal(first.ModelCard, await deploy.ReadFileAsync(1, "MODEL_CARD.md"));
        Assert.Equal(1, ManifestJson.Parse((await deploy.ReadFileAsync(1, "manifest.json"))!).Version);
        Assert.Null(await deploy.ReadFileAsync(1, "missing.md"));
        Assert.Null(await deploy.ReadFileAsync(9, "MODEL_CARD.md"));

        var export = sandbox.Temp.Combine("export");
        await deploy.ExportModelAsync(1, export);
        var exported = ManifestFiles.Describe(export);
        Assert.Equal(first.Manifest.Files, exported);
        await Assert.ThrowsAsync<InvalidOperationException>(() => deploy.ExportModelAsync(9, sandbox.Temp.Combine("nothing")));
    }

    [Fact]
    public async Task ConcurrentCallsAreSerialisedIntoALinearHistory()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));
        await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 1));
        var changes = Enumerable.Range(2, 4).Select(v => Candidates.Promotion(sandbox.Temp.Path, v)).ToList();

        await Task.WhenAll(changes.Select(c => deploy.ApplyAsync(c)));

        Assert.Equal(["v1", "v2", "v3", "v4", "v5"], GitCli.Run(Clone, "tag", "--list").Split('\n'));
        Assert.Equal("6", GitCli.Run(Clone, "rev-list", "--count", "--first-parent", "HEAD"));
        Assert.Equal("", GitCli.Run(Clone, "rev-list", "--merges", "HEAD"));
        var log = File.ReadAllText(Path.Combine(Clone, "VERSION_LOG.md"));
        Assert.All(Enumerable.Range(1, 5), v => Assert.Contains(Candidates.LogEntry(v), log, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancelledApplyCommitsNothing()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));
        await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 1));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 2), cancelled.Token));

        Assert.Equal("v1", GitCli.Run(Clone, "tag", "--list"));
        Assert.Equal("", GitCli.Run(Clone, "status", "--porcelain"));
    }

    [Fact]
    public async Task DisposedRepositoryTakesNoMoreWork()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));
        deploy.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 1)));
        Assert.False(Directory.Exists(Clone));
    }
}
