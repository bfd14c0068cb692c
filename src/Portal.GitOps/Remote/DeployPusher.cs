using LibGit2Sharp;
using Microsoft.Extensions.Logging;
using Portal.Core.Versions;
using Portal.GitOps.Changes;
using Portal.GitOps.Git;
using PushResult = Portal.Core.Versions.PushResult;

namespace Portal.GitOps.Remote;

/// <summary>
/// Pushes the branch and a version's tag, never forced. When the remote moved ahead, the change is applied again on
/// top of it (it is kept whole for that) and pushed again, a few times at most. Every failure is a result.
/// </summary>
internal sealed class DeployPusher(DeployRepositoryOptions options, RemoteAddress remote, PushFailures failures, ChangeApplier applier, ILogger logger)
{
    public const int MaxAttempts = 3;

    private string BranchRef => "refs/heads/" + options.Branch;

    public PushResult Push(Repository repository, DeployChange change, CancellationToken cancellationToken)
    {
        var reapplied = false;
        if (VersionTags.CommitOf(repository, change.Tag) is null)
        {
            // The clone lost the version (a process stopped between catching up with the remote and committing it
            // again): the change is whole, so it is applied again rather than reported as missing.
            logger.LogWarning("{Tag} is not in the working clone; applying it again before pushing", change.Tag);
            if (TryApply(repository, change, cancellationToken) is { } error)
                return new(false, repository.Head.Tip?.Sha ?? "", error, reapplied);
            reapplied = true;
        }

        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = PushOnce(repository, change.Tag);
            var sha = VersionTags.CommitOf(repository, change.Tag)!.Sha;
            if (outcome.Pushed)
                return new(true, sha, null, reapplied);
            if (!outcome.RemoteMovedAhead)
                return new(false, sha, outcome.Error, reapplied);
            if (attempt == MaxAttempts)
                return new(false, sha, $"The remote at {remote.Url} kept moving ahead: {change.Tag} was applied on top of it {MaxAttempts - 1} times and it moved again each time. Push again in a moment.", reapplied);

            logger.LogInformation("The deploy remote {Url} moved ahead of {Tag}; applying it again on top (attempt {Attempt})", remote.Url, change.Tag, attempt + 1);
            cancellationToken.ThrowIfCancellationRequested();
            if (CatchUp(repository, change, cancellationToken) is { } error)
                return new(false, VersionTags.CommitOf(repository, change.Tag)?.Sha ?? repository.Head.Tip?.Sha ?? "", error, reapplied);
            reapplied = true;
        }
    }

    private PushAttempt PushOnce(Repository repository, string tag)
    {
        var gate = new CredentialGate(remote);
        var rejections = new List<PushStatusError>();
        var pushOptions = new PushOptions { CredentialsProvider = gate.Handler, OnPushStatusError = rejections.Add };
        // No '+': the remote only takes a fast-forward, so nothing it holds is ever overwritten.
        string[] refSpecs = [$"{BranchRef}:{BranchRef}", $"refs/tags/{tag}:refs/tags/{tag}"];
        try
        {
            repository.Network.Push(repository.Network.Remotes[WorkingClone.RemoteName], refSpecs, pushOptions);
        }
        catch (NonFastForwardException)
        {
            return PushAttempt.MovedAhead;
        }
        catch (LibGit2SharpException e)
        {
            return PushAttempt.Failed(failures.Describe(e, gate, "Pushing to"));
        }

        // A server-side refusal (a hook, a protected branch) does not throw: it only arrives here.
        if (rejections.Count == 0)
            return PushAttempt.Success;
        return rejections.All(r => IsNotFastForward(r.Message)) ? PushAttempt.MovedAhead : PushAttempt.Failed(failures.Rejected(rejections));
    }

    /// <summary>Fetches the remote branch, puts the local branch on it and applies the change again. Returns why it could not, or null.</summary>
    private string? CatchUp(Repository repository, DeployChange change, CancellationToken cancellationToken)
    {
        var origin = repository.Network.Remotes[WorkingClone.RemoteName];
        var gate = new CredentialGate(remote);
        Commit remoteTip;
        try
        {
            var remoteRefs = gate.Handler is { } handler ? repository.Network.ListReferences(origin, handler) : repository.Network.ListReferences(origin);
            if (remoteRefs.Any(r => r.CanonicalName == "refs/tags/" + change.Tag))
                return $"The remote at {remote.Url} already has a tag {change.Tag} (another portal or a person pushed that version number); nothing was overwritten.";

            gate = new CredentialGate(remote);
            var fetch = new FetchOptions { CredentialsProvider = gate.Handler, TagFetchMode = TagFetchMode.None };
            var tracking = $"refs/remotes/{WorkingClone.RemoteName}/{options.Branch}";
            Commands.Fetch(repository, WorkingClone.RemoteName, [$"+{BranchRef}:{tracking}"], fetch, "catch up with the deploy remote");
            remoteTip = repository.Refs[tracking]?.ResolveToDirectReference().Target as Commit
                ?? throw new LibGit2SharpException($"the remote has no branch {options.Branch}");
        }
        catch (LibGit2SharpException e)
        {
            return failures.Describe(e, gate, "Catching up with");
        }

        cancellationToken.ThrowIfCancellationRequested();
        repository.Reset(ResetMode.Hard, remoteTip);
        repository.RemoveUntrackedFiles();
        repository.Tags.Remove(change.Tag);
        return TryApply(repository, change, cancellationToken);
    }

    private string? TryApply(Repository repository, DeployChange change, CancellationToken cancellationToken)
    {
        try
        {
            var commit = applier.Apply(repository, change, cancellationToken);
            logger.LogInformation("Committed {Tag} again ({Sha}) on top of the deploy remote", change.Tag, commit.Sha);
            return null;
        }
        catch (DeployRefusedException e)
        {
            return $"{change.Tag} could not be applied again on top of the remote: {e.Message}";
        }
    }

    /// <summary>What receive-pack and libgit2 say when a ref update is not a fast-forward.</summary>
    private static bool IsNotFastForward(string message) =>
        message.Contains("non-fast-forward", StringComparison.OrdinalIgnoreCase) || message.Contains("fetch first", StringComparison.OrdinalIgnoreCase);
}
