using LibGit2Sharp;
using Microsoft.Extensions.Logging;
using Portal.GitOps.Remote;

namespace Portal.GitOps.Git;

/// <summary>
/// The portal's working clone of the deploy repository: opened clean before every operation, created on first use
/// (a clone when the remote already has the deploy branch, otherwise a new repository seeded from the templates).
/// </summary>
internal sealed class WorkingClone(DeployRepositoryOptions options, RemoteAddress remote, SecretScrubber scrubber, ILogger logger)
{
    public const string RemoteName = "origin";
    public const string CreationMessage = "Deploy repository created by Verse Portal";

    private string Path => options.WorkingDirectory;

    /// <summary>The clone, created if missing, on the deploy branch, with no lock files and nothing pending.</summary>
    public Repository Open(CancellationToken cancellationToken)
    {
        if (!Repository.IsValid(Path))
            Create(cancellationToken);
        return Repair().Repository;
    }

    /// <summary>
    /// The clone brought back to a clean state, as <see cref="Open"/> does, with how many locks and files that took;
    /// null when there is no clone yet, which is not created here: repairing must not need the network.
    /// </summary>
    public (Repository Repository, int LocksRemoved, int FilesDiscarded)? OpenForRepair() =>
        Repository.IsValid(Path) ? Repair() : null;

    private (Repository Repository, int LocksRemoved, int FilesDiscarded) Repair()
    {
        var locks = StaleLockFiles.Remove(System.IO.Path.Combine(Path, ".git"));
        if (locks > 0)
            logger.LogWarning("Removed {Count} lock files a stopped process left in the deploy repository's working clone", locks);

        var repository = new Repository(Path);
        try
        {
            EnsureOrigin(repository);
            var discarded = InterruptedChangeCleanup.Run(repository, options.Branch, logger);
            return (repository, locks, discarded);
        }
        catch
        {
            repository.Dispose();
            throw;
        }
    }

    /// <summary>The clone as it is, for reading; null before the first version.</summary>
    public Repository? OpenExisting() => Repository.IsValid(Path) ? new Repository(Path) : null;

    private void Create(CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path) && Directory.EnumerateFileSystemEntries(Path).Any())
            throw new InvalidOperationException($"{Path} holds files but no git repository; move them away and the portal creates the deploy repository again.");
        if (remote.IsLocalDefault)
            LocalBareRemote.Ensure(remote.Url, options.Branch);

        // Built beside its place and moved in whole: a process killed half way leaves only the staging folder, which
        // the next attempt deletes, never a working clone with half a history.
        var staging = System.IO.Path.TrimEndingDirectorySeparator(Path) + ".partial";
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(staging)!);

        if (RemoteHasBranch())
        {
            var fetch = new FetchOptions { CredentialsProvider = new CredentialGate(remote).Handler };
            Repository.Clone(remote.Url, staging, new CloneOptions(fetch) { BranchName = options.Branch });
            logger.LogInformation("Cloned the deploy repository from {Url} ({Branch})", remote.Url, options.Branch);
        }
        else
        {
            InitFromTemplates(staging);
            logger.LogInformation("Created the deploy repository from the templates ({Count} files); the first push takes it to {Url}", RepoTemplate.Files.Count, remote.Url);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (Directory.Exists(Path))
            Directory.Delete(Path);
        Directory.Move(staging, Path);
    }

    private bool RemoteHasBranch()
    {
        var gate = new CredentialGate(remote);
        try
        {
            var references = gate.Handler is { } handler ? Repository.ListRemoteReferences(remote.Url, handler) : Repository.ListRemoteReferences(remote.Url);
            return references.Any(r => r.CanonicalName == "refs/heads/" + options.Branch);
        }
        catch (LibGit2SharpException e)
        {
            // Committing must work offline. If the remote does hold the branch, the first push finds it ahead and
            // applies the change again on top of it, so nothing is lost by starting fresh here.
            logger.LogWarning("Could not read the deploy remote {Url} ({Reason}); starting a new deploy repository", remote.Url, scrubber.Scrub(e.Message));
            return false;
        }
    }

    private void InitFromTemplates(string directory)
    {
        Repository.Init(directory);
        // HEAD names the deploy branch before anything exists, whatever git's default branch is on this machine.
        File.WriteAllText(System.IO.Path.Combine(directory, ".git", "HEAD"), $"ref: refs/heads/{options.Branch}\n");
        using var repository = new Repository(directory);
        // The blobs must be the bytes the manifest hashed: no line-ending conversion from a global setting.
        repository.Config.Set("core.autocrlf", false);
        repository.Network.Remotes.Add(RemoteName, remote.Url);
        RepoTemplate.WriteTo(directory);
        Commands.Stage(repository, "*");
        var signature = DeploySignature.Now(options);
        var commit = repository.ObjectDatabase.CreateCommit(signature, signature, CreationMessage, repository.Index.WriteToTree(), [], prettifyMessage: true);
        repository.Refs.Add("refs/heads/" + options.Branch, commit.Id);
    }

    /// <summary>The remote URL may have changed in the settings; the clone keeps only the URL, never credentials.</summary>
    private void EnsureOrigin(Repository repository)
    {
        var origin = repository.Network.Remotes[RemoteName];
        if (origin is null)
        {
            repository.Network.Remotes.Add(RemoteName, remote.Url);
        }
        else if (origin.Url != remote.Url || origin.PushUrl != remote.Url)
        {
            repository.Network.Remotes.Update(RemoteName, r => r.Url = remote.Url, r => r.PushUrl = remote.Url);
            logger.LogInformation("The deploy remote is now {Url}", remote.Url);
        }
    }
}
