using LibGit2Sharp;
using Portal.GitOps.Git;
using Portal.GitOps.Remote;

namespace Portal.GitOps.Reconcile;

/// <summary>Asks the remote which version tags it has (git ls-remote) and sets each local version's standing from the answer.</summary>
internal sealed class RemoteTags(RemoteAddress remote, PushFailures failures)
{
    /// <summary>The versions with their standing, or unchanged with the problem when the remote could not be asked.</summary>
    public (IReadOnlyList<CommittedVersion> Versions, DeployProblem? Problem) Compare(Repository repository, IReadOnlyList<CommittedVersion> versions)
    {
        Dictionary<string, string> remoteTags;
        var gate = new CredentialGate(remote);
        try
        {
            var origin = repository.Network.Remotes[WorkingClone.RemoteName];
            var references = gate.Handler is { } handler ? repository.Network.ListReferences(origin, handler) : repository.Network.ListReferences(origin);
            remoteTags = references
                .Where(r => r.CanonicalName.StartsWith("refs/tags/", StringComparison.Ordinal) && !r.CanonicalName.EndsWith("^{}", StringComparison.Ordinal))
                .GroupBy(r => r.CanonicalName["refs/tags/".Length..], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().TargetIdentifier, StringComparer.Ordinal);
        }
        catch (LibGit2SharpException e)
        {
            return (versions, failures.Problem(e, gate, "Reading the tags of"));
        }

        return (versions.Select(v => v with { OnRemote = Standing(repository, v, remoteTags) }).ToList(), null);
    }

    private static RemoteStanding Standing(Repository repository, CommittedVersion version, Dictionary<string, string> remoteTags)
    {
        if (!remoteTags.TryGetValue(version.Tag, out var remoteId))
            return RemoteStanding.Missing;
        // A pushed annotated tag is the same tag object on both sides; a lightweight remote tag on the same commit is ours too.
        var local = repository.Tags[version.Tag];
        return remoteId == local?.Reference.TargetIdentifier || remoteId == version.CommitSha ? RemoteStanding.Present : RemoteStanding.Conflict;
    }
}
