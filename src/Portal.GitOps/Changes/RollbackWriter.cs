using LibGit2Sharp;
using Portal.Core.Versions;
using Portal.GitOps.Reconcile;

namespace Portal.GitOps.Changes;

/// <summary>
/// Writes a rollback: a new commit on top of the branch whose tree is vK's tree, object for object. History stays
/// linear and nothing is rewritten, so every clone (the serving app's above all) moves forward to it.
/// </summary>
internal sealed class RollbackWriter(VersionCommitter committer)
{
    public Commit Apply(Repository repository, RollbackChange change, CancellationToken cancellationToken)
    {
        var targetTag = VersionTag.Of(change.TargetVersion);
        var target = VersionTags.CommitOf(repository, targetTag)
            ?? throw new DeployRefusedException($"There is no version {targetTag}.");
        VersionTags.EnsureFree(repository, change.Tag);
        if (repository.Head.Tip.Tree.Id == target.Tree.Id)
            throw new DeployRefusedException($"{targetTag} is what the branch holds already: there is nothing to roll back.");
        cancellationToken.ThrowIfCancellationRequested();

        var tagMessage = $"{change.Message.TrimEnd()}\n\n{RollbackTarget.Sentence(change.Tag, change.TargetVersion)}";
        var commit = committer.Commit(repository, target.Tree, change.Message, change.Tag, tagMessage);
        // The branch holds the new commit already; this brings the index and the files to it.
        repository.Reset(ResetMode.Hard, commit);
        return commit;
    }
}
