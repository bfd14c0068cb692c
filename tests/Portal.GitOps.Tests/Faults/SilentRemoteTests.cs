using Portal.Core.Versions;
using Portal.GitOps.Remote;
using Portal.GitOps.Tests.Support;

namespace Portal.GitOps.Tests.Faults;

/// <summary>
/// libgit2's network timeouts are process-wide: these tests set short ones, so nothing runs beside them. Their own
/// git server, since a collection fixture belongs to one collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NetworkTimeoutCollection : ICollectionFixture<GitHttpServer>
{
    public const string Name = "git network timeouts";
}

/// <summary>A remote that accepts the connection and then never answers: the push gives up and is retried later, it does not hang.</summary>
[Collection(NetworkTimeoutCollection.Name)]
public sealed class SilentRemoteTests(GitHttpServer server) : IDisposable
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(2);
    private readonly DeploySandbox sandbox = new();
    private readonly DeployRepositoryOptions defaults = new();

    public void Dispose()
    {
        sandbox.Dispose();
        GitNetworkTimeouts.Apply(defaults.ConnectTimeout, defaults.NetworkTimeout);
    }

    [Fact]
    public async Task APushToARemoteThatNeverAnswersEndsCommittedNotPushedAndIsRetriedLater()
    {
        var name = server.CreateRepository();
        using var gate = new TcpGate(server.Port, GateMode.Stalled);
        var url = $"http://127.0.0.1:{gate.Port}/{name}.git";
        var deploy = sandbox.ForServer(server, name, configure: options =>
            (options.RemoteUrl, options.ConnectTimeout, options.NetworkTimeout) = (url, Short, Short));
        var change = Candidates.Promotion(sandbox.Temp.Path, 1);

        // A bound on the test, not a speed goal: without the timeouts the first call that asks the remote never ends.
        // On the thread pool, since libgit2 blocks the thread that calls it; past the bound, disposing the gate
        // closes its connections and so ends the call.
        var (commit, push, inventory) = await Task.Run(async () =>
        {
            var commit = await deploy.ApplyAsync(change);
            var push = await deploy.PushAsync(change);
            return (commit, push, await deploy.InspectAsync(askRemote: true));
        }).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(gate.StalledConnections > 0, "The push never reached the gate, so this tested a refused connection, not a silent one.");
        Assert.False(push.Pushed);
        Assert.Equal(commit.CommitSha, push.CommitSha);
        Assert.StartsWith($"Could not reach {url}: ", push.Error);
        Assert.Contains("timed out", push.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(DeployProblemKind.RetryLater, inventory.RemoteProblem!.Kind);
        Assert.Equal([1], inventory.Versions.Select(v => v.Number));

        // The queue was not left holding the stalled push: once the remote answers, the same commit goes out.
        gate.Set(GateMode.Open);
        var retried = await Task.Run(() => deploy.PushAsync(change)).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(retried.Pushed, retried.Error);
        Assert.Equal(commit.CommitSha, retried.CommitSha);
        Assert.Equal(commit.CommitSha, GitCli.Run(server.PathOf(name), "rev-parse", "v1^{commit}"));
    }

    [Fact]
    public void TheTimeoutsAreReadBackFromLibgit2AndNonsenseIsRefused()
    {
        GitNetworkTimeouts.Apply(TimeSpan.FromSeconds(7), TimeSpan.FromMilliseconds(1500));

        Assert.Equal((TimeSpan.FromSeconds(7), TimeSpan.FromMilliseconds(1500)), GitNetworkTimeouts.Current);
        Assert.Throws<ArgumentOutOfRangeException>(() => GitNetworkTimeouts.Apply(TimeSpan.Zero, Short));
        Assert.Throws<ArgumentOutOfRangeException>(() => GitNetworkTimeouts.Apply(Short, TimeSpan.FromDays(25)));
        Assert.Equal((TimeSpan.FromSeconds(7), TimeSpan.FromMilliseconds(1500)), GitNetworkTimeouts.Current);
    }
}
