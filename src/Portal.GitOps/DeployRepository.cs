using LibGit2Sharp;
using Microsoft.Extensions.Logging;
using Portal.Core.Versions;
using Portal.GitOps.Changes;
using Portal.GitOps.Git;
using Portal.GitOps.Reconcile;
using Portal.GitOps.Remote;
using PushResult = Portal.Core.Versions.PushResult;

namespace Portal.GitOps;

/// <summary>
/// The deploy repository behind LibGit2Sharp: every promotion and rollback is one commit and one annotated tag in the
/// portal's working clone, pushed without force. One operation runs at a time, off the caller's thread.
/// </summary>
public sealed class DeployRepository : IDeployRepository, IDisposable
{
    private readonly DeployRepositoryOptions options;
    private readonly ILogger<DeployRepository> logger;
    private readonly RemoteAddress remote;
    private readonly SecretScrubber scrubber;
    private readonly WorkingClone clone;
    private readonly ChangeApplier applier;
    private readonly DeployPusher pusher;
    private readonly RemoteTags remoteTags;
    private readonly GitWorkQueue queue = new();

    /// <exception cref="ArgumentException">The options cannot be used; the message lists every problem.</exception>
    public DeployRepository(DeployRepositoryOptions options, ILogger<DeployRepository> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException("The deploy repository settings cannot be used: " + string.Join(" ", problems), nameof(options));

        this.options = options;
        this.logger = logger;
        GitNetworkTimeouts.Apply(options.ConnectTimeout, options.NetworkTimeout);
        remote = RemoteAddress.From(options);
        scrubber = SecretScrubber.For(options);
        clone = new WorkingClone(options, remote, scrubber, logger);
        var committer = new VersionCommitter(options);
        applier = new ChangeApplier(options, new PromotionWriter(committer), new RollbackWriter(committer));
        var failures = new PushFailures(remote, scrubber);
        pusher = new DeployPusher(options, remote, failures, applier, logger);
        remoteTags = new RemoteTags(remote, failures);
    }

    public DeployRemoteInfo Remote => new(remote.Url, options.Branch, remote.IsLocalDefault);

    public Task<DeployCommit> ApplyAsync(DeployChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return queue.RunAsync(token => Guarded("apply " + change.Tag, () => Apply(change, token)), cancellationToken);
    }

    public Task<PushResult> PushAsync(DeployChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return queue.RunAsync(token => Push(change, token), cancellationToken);
    }

    /// <summary>
    /// The reconcile's view of the repository: the working clone brought back to a clean state (stale locks, files of
    /// an interrupted change and tags on no branch commit removed), every version on the branch with its manifest,
    /// and, when <paramref name="askRemote"/>, whether the remote has each version's tag. Never creates the clone.
    /// </summary>
    /// <exception cref="DeployBusyException">Another process holds the working clone.</exception>
    /// <exception cref="InvalidOperationException">git cannot read the working clone; the message says why.</exception>
    public Task<DeployInventory> InspectAsync(bool askRemote, CancellationToken cancellationToken = default) =>
        queue.RunAsync(token => Guarded("inspect the working clone", () => Inspect(askRemote, token)), cancellationToken);

    public Task<string?> ReadFileAsync(int version, string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return queue.RunAsync(_ => Guarded("read " + path, () => ReadFile(version, path)), cancellationToken);
    }

    public Task ExportModelAsync(int version, string targetFolder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetFolder);
        return queue.RunAsync(token => Guarded("export " + VersionTag.Of(version), () => ExportModel(version, targetFolder, token)), cancellationToken);
    }

    public void Dispose() => queue.Dispose();

    private DeployCommit Apply(DeployChange change, CancellationToken cancellationToken)
    {
        try
        {
            applier.Check(change);
            using var owner = AcquireClone(cancellationToken);
            using var repository = clone.Open(cancellationToken);
            var commit = applier.Apply(repository, change, cancellationToken);
            logger.LogInformation("Committed {Tag} ({Sha}) to the deploy repository: {Message}", change.Tag, commit.Sha, FirstLine(change.Message));
            return new DeployCommit(change.Version, commit.Sha, change.Tag);
        }
        catch (DeployRefusedException e)
        {
            logger.LogWarning("Refused {Tag}: {Reason}", change.Tag, scrubber.Scrub(e.Message));
            throw;
        }
        catch (DeployBusyException e)
        {
            // Nothing was written: to the caller that is a refusal to commit now, with when to try again.
            logger.LogWarning("Did not commit {Tag}: {Reason}", change.Tag, e.Message);
            throw new DeployRefusedException(e.Message);
        }
    }

    private PushResult Push(DeployChange change, CancellationToken cancellationToken)
    {
        PushResult result;
        try
        {
            using var owner = AcquireClone(cancellationToken);
            using var repository = clone.Open(cancellationToken);
            result = pusher.Push(repository, change, cancellationToken);
        }
        catch (DeployBusyException e)
        {
            result = new PushResult(false, "", e.Message);
        }
        catch (Exception e) when (e is LibGit2SharpException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The working clone itself failed (a disk, a folder in the way): still a failed push, said in words.
            result = new PushResult(false, "", $"The deploy repository could not push {change.Tag}: {e.Message}");
        }

        result = result with { Error = result.Error is null ? null : scrubber.Scrub(result.Error) };
        if (result.Pushed)
            logger.LogInformation("Pushed {Tag} ({Sha}) to {Url} {Branch}{Reapplied}", change.Tag, result.CommitSha, remote.Url, options.Branch, result.Reapplied ? ", applied again on top of the remote" : "");
        else
            logger.LogWarning("Push of {Tag} to {Url} failed: {Error}", change.Tag, remote.Url, result.Error);
        return result;
    }

    private DeployInventory Inspect(bool askRemote, CancellationToken cancellationToken)
    {
        using var owner = AcquireClone(cancellationToken);
        if (clone.OpenForRepair() is not { } opened)
            return DeployInventory.Empty;
        var (repository, locks, discarded) = opened;
        using (repository)
        {
            var dangling = LocalVersions.RemoveDangling(repository);
            if (dangling.Count > 0)
                logger.LogWarning("Removed the tags {Tags}: a stopped process wrote them but never moved the branch to their commits", string.Join(", ", dangling));
            var versions = LocalVersions.OnBranch(repository);
            DeployProblem? problem = null;
            if (askRemote && versions.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                (versions, problem) = remoteTags.Compare(repository, versions);
            }
            return new DeployInventory(versions, new CloneRepairs(locks, discarded, dangling), problem);
        }
    }

    /// <summary>The clone for this process alone while the operation runs; see <see cref="CloneOwner"/>.</summary>
    private CloneOwner AcquireClone(CancellationToken cancellationToken) =>
        CloneOwner.Acquire(options.WorkingDirectory, options.CloneWait, cancellationToken);

    private string? ReadFile(int version, string path)
    {
        var relative = path.Replace('\\', '/').Trim('/');
        using var repository = clone.OpenExisting();
        if (relative.Length == 0 || repository is null || VersionTags.CommitOf(repository, VersionTag.Of(version)) is not { } commit)
            return null;
        return commit[relative]?.Target is Blob blob ? blob.GetContentText() : null;
    }

    private void ExportModel(int version, string targetFolder, CancellationToken cancellationToken)
    {
        var tag = VersionTag.Of(version);
        using var repository = clone.OpenExisting();
        var commit = (repository is null ? null : VersionTags.CommitOf(repository, tag))
            ?? throw new InvalidOperationException($"There is no version {tag} in the deploy repository.");
        if (commit[VersionManifest.ModelFolder]?.Target is not Tree model)
            throw new InvalidOperationException($"{tag} holds no model folder.");
        var files = ModelExport.Write(model, targetFolder, cancellationToken);
        logger.LogInformation("Exported the {Count} model files of {Tag}", files, tag);
    }

    /// <summary>
    /// libgit2's own failures carry its wording, which can quote the remote; they leave as a scrubbed message with
    /// no inner exception, so that nothing unscrubbed travels with them.
    /// </summary>
    private T Guarded<T>(string operation, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (LibGit2SharpException e)
        {
            var message = scrubber.Scrub(e.Message);
            logger.LogError("The deploy repository could not {Operation}: {Reason}", operation, message);
            throw new InvalidOperationException($"The deploy repository could not {operation}: {message}");
        }
    }

    private bool Guarded(string operation, Action work) => Guarded(operation, () =>
    {
        work();
        return true;
    });

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
