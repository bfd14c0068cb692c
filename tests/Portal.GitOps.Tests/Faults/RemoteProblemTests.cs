using Portal.GitOps.Tests.Support;

namespace Portal.GitOps.Tests.Faults;

/// <summary>Over real HTTP: a problem with the remote says whether waiting helps or a person must act, and names no secret.</summary>
[Collection(GitServerCollection.Name)]
public sealed class RemoteProblemTests(GitHttpServer server) : IDisposable
{
    private readonly DeploySandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task ARefusedTokenNeedsAPersonAndIsNotInTheMessage()
    {
        const string wrongToken = "wrong-token-51d0c2e8";
        var name = server.CreateRepository();
        var deploy = sandbox.ForServer(server, name, configure: o => o.Token = wrongToken);
        await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 1));

        var inventory = await deploy.InspectAsync(askRemote: true);

        Assert.Equal(DeployProblemKind.NeedsPerson, inventory.RemoteProblem!.Kind);
        Assert.Equal($"Authentication failed at {server.UrlOf(name)}: check the deploy token.", inventory.RemoteProblem.Message);
        Assert.DoesNotContain(sandbox.Log.Lines, line => line.Contains(wrongToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OverHttpAPushedVersionIsPresentAndACommittedOneMissing()
    {
        var name = server.CreateRepository();
        var deploy = sandbox.ForServer(server, name);
        var v1 = Candidates.Promotion(sandbox.Temp.Path, 1);
        await deploy.ApplyAsync(v1);
        Assert.True((await deploy.PushAsync(v1)).Pushed);
        await deploy.ApplyAsync(Candidates.Promotion(sandbox.Temp.Path, 2));

        var inventory = await deploy.InspectAsync(askRemote: true);

        Assert.Null(inventory.RemoteProblem);
        Assert.Equal([RemoteStanding.Present, RemoteStanding.Missing], inventory.Versions.Select(v => v.OnRemote));
    }
}
