using Portal.GitOps.Tests.Support;

namespace Portal.Web.Tests.Faults.Promotion;

/// <summary>
/// A repository on the real git HTTP server, reached by the portal through a <see cref="TcpGate"/> so that a test can
/// take it down, stall it and bring it back; read by the tests straight from its bare folder, as the serving side sees it.
/// </summary>
internal sealed class DeployRemote : IDisposable
{
    public DeployRemote(GitHttpServer server, GateMode initial)
    {
        Server = server;
        Name = server.CreateRepository();
        Gate = new TcpGate(server.Port, initial);
    }

    public GitHttpServer Server { get; }

    public string Name { get; }

    public TcpGate Gate { get; }

    public string BarePath => Server.PathOf(Name);

    /// <summary>The URL the portal pushes to: the gate, with the server's path.</summary>
    public string Url => $"http://127.0.0.1:{Gate.Port}/{Name}.git";

    /// <summary>The portal's deploy settings for this remote, the token given the way hosts give it (an environment variable).</summary>
    public Dictionary<string, string> Settings(int reconcileSeconds) => new()
    {
        ["Portal:Deploy:RemoteUrl"] = Url,
        ["Portal:Deploy:UserName"] = GitHttpServer.UserName,
        ["PORTAL_DEPLOY_TOKEN"] = Server.Password,
        ["Portal:Deploy:ReconcileSeconds"] = reconcileSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Training:InProcessWorker"] = "false",
    };

    /// <summary>The version tags the remote has, and the commit each names.</summary>
    public IReadOnlyDictionary<string, string> Tags()
    {
        var lines = GitCli.Run(BarePath, "for-each-ref", "--format=%(refname:short) %(*objectname)", "refs/tags").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Select(line => line.Split(' ')).ToDictionary(parts => parts[0], parts => parts[1]);
    }

    public void Dispose() => Gate.Dispose();
}
