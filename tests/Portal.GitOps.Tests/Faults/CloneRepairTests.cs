using LibGit2Sharp;
using Portal.GitOps.Tests.Support;

namespace Portal.GitOps.Tests.Faults;

/// <summary>
/// What a portal killed in the middle of a promotion leaves in the working clone, and the reconcile's inspection that
/// clears it: the clone ends consistent, with only whole versions in it.
/// </summary>
public sealed class CloneRepairTests : IDisposable
{
    private readonly DeploySandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    private string Clone => sandbox.WorkingDirectory();

    [Fact]
    public async Task InspectionClearsEverythingAKilledPromotionLeftAndKeepsTheWholeVersions()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));
        var v1 = Candidates.Promotion(sandbox.Temp.Path, 1);
        await deploy.ApplyAsync(v1);
        Assert.True((await deploy.PushAsync(v1)).Pushed);
        var head = GitCli.Run(Clone, "rev-parse", "HEAD");
        // A kill while writing v2: its files half copied, some staged, git's locks on the index, the branch, the new
        // tag and the reflog, and the tag itself written on a commit the branch never moved to.
        File.WriteAllText(Path.Combine(Clone, "model", "model.safetensors"), "half the weights");
        File.WriteAllText(Path.Combine(Clone, "manifest.json"), "{\"version\": 2, \"fi");
        File.WriteAllText(Path.Combine(Clone, "model", "extra.bin"), "new file of v2");
        GitCli.Run(Clone, "add", "model/extra.bin");
        using (var repository = new Repository(Clone))
        {
            var signature = new Signature("Verse Portal", "portal@verse-portal.local", DateTimeOffset.Now);
            var orphan = repository.ObjectDatabase.CreateCommit(signature, signature, "v2", repository.Head.Tip.Tree, [repository.Head.Tip], true);
            repository.Tags.Add("v2", orphan, signature, "v2\n");
        }
        foreach (var lockFile in new[] { "index.lock", "HEAD.lock", "packed-refs.lock", "refs/heads/main.lock", "refs/tags/v2.lock", "logs/HEAD.lock" })
            File.WriteAllText(Path.Combine(Clone, ".git", lockFile), "");

        var inventory = await deploy.InspectAsync(askRemote: true);

        CloneChecks.AssertConsistent(Clone);
        Assert.Equal(["v1"], CloneChecks.Tags(Clone));
        Assert.Equal(head, GitCli.Run(Clone, "rev-parse", "HEAD"));
        Assert.Equal(6, inventory.Repairs.LocksRemoved);
        Assert.Equal(3, inventory.Repairs.FilesDiscarded);
        Assert.Equal(["v2"], inventory.Repairs.TagsRemoved);
        var version = Assert.Single(inventory.Versions);
        Assert.Equal((1, head, RemoteStanding.Present), (version.Number, version.CommitSha, version.OnRemote));
        Assert.Null(inventory.RemoteProblem);

        // And the next promotion goes through as v2 on top of v1.
        var v2 = Candidates.Promotion(sandbox.Temp.Path, 2);
        var commit = await deploy.ApplyAsync(v2);
        Assert.Equal(head, GitCli.Run(Clone, "rev-parse", "HEAD^"));
        Assert.Equal(commit.CommitSha, GitCli.Run(Clone, "rev-parse", "v2^{commit}"));
        CloneChecks.AssertConsistent(Clone);
    }

    [Fact]
    public async Task InspectionBeforeTheFirstPromotionCreatesNothing()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));

        var inventory = await deploy.InspectAsync(askRemote: true);

        Assert.Empty(inventory.Versions);
        Assert.False(inventory.Repairs.Any);
        Assert.False(Directory.Exists(Clone));
        Assert.False(Directory.Exists(sandbox.Temp.Combine("remote.git")));
    }

    [Fact]
    public async Task LocksOfAnotherPortalWorkingOnTheCloneAreLeftAloneUntilItLetsGo()
    {
        var options = sandbox.Options(remoteUrl: null);
        options.CloneWait = TimeSpan.FromSeconds(1);
        var deploy = sandbox.Create(options);
        await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 1));
        var indexLock = Path.Combine(Clone, ".git", "index.lock");
        File.WriteAllText(indexLock, "");

        // Another process holds the clone the way a second portal on the same data directory would, with flock(1).
        using (var other = new OwnerHolder(sandbox.Temp, Clone))
        {
            var busy = await Assert.ThrowsAsync<DeployBusyException>(() => deploy.InspectAsync(askRemote: false));
            var refused = await Assert.ThrowsAsync<Portal.Core.Versions.DeployRefusedException>(() => deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 2)));

            Assert.Contains("try again later", busy.Message, StringComparison.Ordinal);
            Assert.Contains("try again later", refused.Message, StringComparison.Ordinal);
            Assert.True(File.Exists(indexLock));
        }

        var inventory = await deploy.InspectAsync(askRemote: false);
        Assert.Equal(1, inventory.Repairs.LocksRemoved);
        Assert.False(File.Exists(indexLock));
        CloneChecks.AssertConsistent(Clone);
    }
}
