using Portal.GitOps;

namespace Portal.GitOps.Tests.Support;

/// <summary>
/// One test's deploy repositories: a temporary folder for working clones, candidates and the local default remote,
/// and a log that records every line. Disposes every repository it made, then deletes the folder.
/// </summary>
internal sealed class DeploySandbox : IDisposable
{
    private readonly List<DeployRepository> repositories = [];

    public TempDirectory Temp { get; } = new();

    public RecordingLogger<DeployRepository> Log { get; } = new();

    public string WorkingDirectory(string name = "deploy") => Temp.Combine(name);

    public DeployRepositoryOptions Options(string? remoteUrl, string clone = "deploy") => new()
    {
        RemoteUrl = remoteUrl,
        WorkingDirectory = WorkingDirectory(clone),
        LocalRemoteDirectory = Temp.Combine("remote.git"),
    };

    public DeployRepository Create(DeployRepositoryOptions options)
    {
        var repository = new DeployRepository(options, Log);
        repositories.Add(repository);
        return repository;
    }

    /// <summary>A repository pushing to <paramref name="repository"/> on the server with the right token.</summary>
    public DeployRepository ForServer(GitHttpServer server, string repository, string clone = "deploy", Action<DeployRepositoryOptions>? configure = null)
    {
        var options = Options(server.UrlOf(repository), clone);
        options.UserName = GitHttpServer.UserName;
        options.Token = server.Password;
        configure?.Invoke(options);
        return Create(options);
    }

    public void Dispose()
    {
        foreach (var repository in repositories)
            repository.Dispose();
        Temp.Dispose();
    }
}
