using Portal.Core.Versions;
using Portal.GitOps.Tests.Support;

namespace Portal.GitOps.Tests.Faults;

/// <summary>
/// The inventory the reconcile compares the version records with: each version on the branch with its manifest, and
/// what the remote really has of it, whatever the portal believed when it stopped.
/// </summary>
public sealed class InventoryTests : IDisposable
{
    private readonly DeploySandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    private string Clone => sandbox.WorkingDirectory();

    private string Bare => sandbox.Temp.Combine("remote.git");

    [Fact]
    public async Task AVersionCommittedButNeverPushedIsMissingOnTheRemoteAndCarriesItsManifest()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));
        var v1 = Candidates.Promotion(sandbox.Temp.Path, 1);
        await deploy.ApplyAsync(v1);
        Assert.True((await deploy.PushAsync(v1)).Pushed);
        var v2 = Candidates.Promotion(sandbox.Temp.Path, 2);
        var committed = await deploy.ApplyAsync(v2);

        var inventory = await deploy.InspectAsync(askRemote: true);

        Assert.Equal([1, 2], inventory.Versions.Select(v => v.Number));
        Assert.Equal(RemoteStanding.Present, inventory.Versions[0].OnRemote);
        var second = inventory.Versions[1];
        Assert.Equal(RemoteStanding.Missing, second.OnRemote);
        Assert.Equal(committed.CommitSha, second.CommitSha);
        Assert.Equal(v2.Manifest.DatasetHash, second.Manifest!.DatasetHash);
        Assert.Equal(v2.Manifest.Files, second.Manifest.Files);
        Assert.Equal(v2.Manifest.JobId, second.Manifest.JobId);
        Assert.Null(second.RollbackOf);
        Assert.StartsWith(v2.Message, second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APushThatReachedTheRemoteIsPresentEvenIfThePortalNeverHeardTheAnswer()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));
        var v1 = Candidates.Promotion(sandbox.Temp.Path, 1);
        await deploy.ApplyAsync(v1);
        // The remote took the push; the portal died before it read the reply.
        GitCli.Run(Clone, "push", "--quiet", "origin", "main", "v1");

        var inventory = await deploy.InspectAsync(askRemote: true);

        Assert.Equal(RemoteStanding.Present, Assert.Single(inventory.Versions).OnRemote);
    }

    [Fact]
    public async Task AVersionTagOnTheRemoteThatIsNotThisPortalsIsAConflictForAPerson()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));
        await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 1));
        // Someone else pushed a v1 of their own to the remote first.
        var other = sandbox.Temp.Combine("other");
        GitCli.Run(null, "init", "--quiet", "--initial-branch=main", other);
        File.WriteAllText(Path.Combine(other, "README.md"), "someone else's deploy\n");
        GitCli.Run(other, "add", "README.md");
        GitCli.Run(other, "commit", "--quiet", "-m", "theirs");
        GitCli.Run(other, "tag", "-a", "v1", "-m", "their v1");
        GitCli.Run(other, "push", "--quiet", Bare, "main", "v1");

        var inventory = await deploy.InspectAsync(askRemote: true);

        Assert.Equal(RemoteStanding.Conflict, Assert.Single(inventory.Versions).OnRemote);
    }

    [Fact]
    public async Task ARollbackNamesTheVersionItReturnedTo()
    {
        var deploy = sandbox.Create(sandbox.Options(remoteUrl: null));
        await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 1));
        await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 2));
        await deploy.ApplyAsync(Candidates.Rollback(3, 1));

        var inventory = await deploy.InspectAsync(askRemote: false);

        Assert.Equal([null, null, 1], inventory.Versions.Select(v => v.RollbackOf));
        Assert.Equal(1, inventory.Versions[2].Manifest!.Version);
        Assert.All(inventory.Versions, v => Assert.Equal(RemoteStanding.Unknown, v.OnRemote));
    }

    [Fact]
    public async Task WithTheRemoteDownTheLocalVersionsAreStillListedAndTheProblemSaysRetryLater()
    {
        var deploy = sandbox.Create(sandbox.Options("http://127.0.0.1:9/deploy.git"));
        await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 1));

        var inventory = await deploy.InspectAsync(askRemote: true);

        Assert.Equal(RemoteStanding.Unknown, Assert.Single(inventory.Versions).OnRemote);
        Assert.Equal(DeployProblemKind.RetryLater, inventory.RemoteProblem!.Kind);
        Assert.StartsWith("Could not reach http://127.0.0.1:9/deploy.git: ", inventory.RemoteProblem.Message, StringComparison.Ordinal);
    }
}
