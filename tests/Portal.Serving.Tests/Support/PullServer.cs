using Portal.Serving.Inference;

namespace Portal.Serving.Tests.Support;

/// <summary>A deploy repository and a service following its main branch (every 0.2 s), with the work folder of its own.</summary>
internal sealed class PullServer : IAsyncDisposable
{
    private readonly TempFolder _work = new("serving-work-");

    private PullServer(DeployRemote remote) => Remote = remote;

    public DeployRemote Remote { get; }

    public ServingHost Host { get; private set; } = null!;

    public string Checkouts => _work.Combine("checkouts");

    /// <param name="publish">What is on the branch before the service starts.</param>
    public static async Task<PullServer> StartAsync(Action<DeployRemote> publish, IModelLoader? loader = null, bool fileUrl = false)
    {
        var server = new PullServer(new DeployRemote());
        try
        {
            publish(server.Remote);
            var repository = fileUrl ? server.Remote.FileUrl : server.Remote.Path;
            server.Host = await ServingHost.StartAsync(["--repo", repository, "--branch", "main", "--interval", "0.2", "--work", server._work.Path], loader);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The checkout folders of a commit (named "&lt;sha&gt;-&lt;n&gt;").</summary>
    public IReadOnlyList<string> CheckoutsOf(string commit) =>
        Directory.Exists(Checkouts) ? Directory.GetDirectories(Checkouts, commit + "-*") : [];

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
            await Host.DisposeAsync();
        Remote.Dispose();
        _work.Dispose();
    }
}
