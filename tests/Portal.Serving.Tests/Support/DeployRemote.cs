namespace Portal.Serving.Tests.Support;

/// <summary>
/// A deploy repository as the portal keeps it: a bare remote, and a working clone that publishes versions to it the
/// way a promotion does (one commit and one annotated tag per version, pushed to main).
/// </summary>
internal sealed class DeployRemote : IDisposable
{
    private readonly TempFolder _folder = new("serving-remote-");

    public DeployRemote()
    {
        Git.Run(_folder.Path, "init", "--quiet", "--bare", "--initial-branch=main", "remote.git");
        Git.Run(_folder.Path, "init", "--quiet", "--initial-branch=main", "work");
        Git.Run(WorkTree, "remote", "add", "origin", Path);
    }

    /// <summary>The bare repository as a local path.</summary>
    public string Path => _folder.Combine("remote.git");

    /// <summary>The same repository as a file:// URL.</summary>
    public string FileUrl => new Uri(Path).AbsoluteUri;

    private string WorkTree => _folder.Combine("work");

    /// <param name="tamper">Changes the files after the manifest is written, before the commit.</param>
    /// <returns>The commit's sha.</returns>
    public string Publish(int version, string modelFolder, Action<string>? tamper = null)
    {
        DeployCheckout.Write(WorkTree, version, modelFolder);
        tamper?.Invoke(WorkTree);
        // Both models' weights have the same size, and copies keep their source's times: git's index could take a new
        // file for the old one. Without an index, every file is hashed afresh.
        File.Delete(System.IO.Path.Combine(WorkTree, ".git", "index"));
        Git.Run(WorkTree, "add", "--all");
        Git.Run(WorkTree, "commit", "--quiet", "-m", $"Promote v{version}");
        Git.Run(WorkTree, "tag", "-a", $"v{version}", "-m", $"v{version}");
        Git.Run(WorkTree, "push", "--quiet", "origin", "main", $"v{version}");
        return Git.Run(WorkTree, "rev-parse", "HEAD");
    }

    public void Dispose() => _folder.Dispose();
}
