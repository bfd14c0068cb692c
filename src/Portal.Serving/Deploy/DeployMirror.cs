using LibGit2Sharp;
using LibGit2Sharp.Handlers;
using Portal.Serving.Options;

namespace Portal.Serving.Deploy;

/// <summary>
/// The service's own bare copy of the deploy repository (work/repository.git): fetches the followed branch and writes
/// out the files of a commit. Only the pull loop calls it, one call at a time (libgit2 objects are not thread-safe).
/// Its remote "origin" holds the repository's address without user information (see <see cref="ServingSource"/>),
/// so no token ends up on disk.
/// </summary>
internal sealed class DeployMirror(RepositorySource source)
{
    private const string RemoteName = "origin";
    private readonly string _path = Path.Combine(source.WorkDirectory, "repository.git");

    private string TrackingRef => $"refs/remotes/{RemoteName}/{source.Branch}";

    /// <returns>The commit at the tip of the branch.</returns>
    /// <exception cref="DeployFetchException">The repository or the branch cannot be read now.</exception>
    public string Fetch()
    {
        try
        {
            using var repository = Open();
            var options = new FetchOptions { CredentialsProvider = Credentials(), TagFetchMode = TagFetchMode.None };
            Commands.Fetch(repository, RemoteName, [$"+refs/heads/{source.Branch}:{TrackingRef}"], options, logMessage: null);
            return repository.Refs[TrackingRef]?.ResolveToDirectReference()?.TargetIdentifier
                ?? throw new DeployFetchException($"the repository has no branch {source.Branch} (nothing published yet?)");
        }
        catch (LibGit2SharpException e)
        {
            // Not kept as the inner exception: libgit2's own text may repeat the URL with its user information.
            throw new DeployFetchException(Scrub(e.Message));
        }
    }

    /// <summary>Writes the files of <paramref name="commit"/> (fetched before) into <paramref name="folder"/>.</summary>
    public void Export(string commit, string folder)
    {
        using var repository = new Repository(_path);
        var found = repository.Lookup<Commit>(commit) ?? throw new DeployFetchException($"commit {commit} is not in the fetched repository");
        TreeExporter.Write(found.Tree, folder);
    }

    private Repository Open()
    {
        if (!Repository.IsValid(_path))
        {
            Directory.CreateDirectory(_path);
            Repository.Init(_path, isBare: true);
        }
        var repository = new Repository(_path);
        // The address may have changed since the last run (a new --repo); the copy's objects stay useful either way.
        var remote = repository.Network.Remotes[RemoteName];
        if (remote is null)
            repository.Network.Remotes.Add(RemoteName, source.Url);
        else if (remote.Url != source.Url)
            repository.Network.Remotes.Update(RemoteName, update => update.Url = source.Url);
        return repository;
    }

    private CredentialsHandler? Credentials()
    {
        if (source.Credentials is not { } credentials)
            return null;
        var asked = 0;
        // libgit2 asks again each time the server refuses; answering with the same token would only repeat the refusal.
        return (_, _, _) => ++asked == 1
            ? new UsernamePasswordCredentials { Username = credentials.User, Password = credentials.Token }
            : throw new DeployFetchException($"the repository refused the credentials in {GitCredentials.UserKey} and {GitCredentials.TokenKey}");
    }

    private string Scrub(string message) =>
        source.Credentials is { } credentials ? message.Replace(credentials.Token, "***", StringComparison.Ordinal) : message;
}
