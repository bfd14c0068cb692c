using LibGit2Sharp;
using Portal.Core.Versions;

namespace Portal.GitOps.Changes;

/// <summary>The annotated version tags of the working clone.</summary>
internal static class VersionTags
{
    public static Commit? CommitOf(Repository repository, string tag) => repository.Tags[tag]?.PeeledTarget as Commit;

    /// <summary>
    /// Refuses a change whose tag is taken. One case is not a taken tag: the tag is written just before the branch
    /// moves (see <see cref="VersionCommitter"/>), so a process killed in between leaves a tag on a commit the branch
    /// never held. That version was never committed nor pushed, and applying it again is what the caller asks for,
    /// so that tag is removed rather than refused.
    /// </summary>
    public static void EnsureFree(Repository repository, string tag)
    {
        if (repository.Tags[tag] is not { } existing)
            return;
        if (existing.PeeledTarget is Commit commit && !IsOnBranch(repository, commit))
        {
            repository.Tags.Remove(tag);
            return;
        }
        throw new DeployRefusedException($"{tag} already exists in the deploy repository: a version number is never used twice.");
    }

    public static bool IsOnBranch(Repository repository, Commit commit) =>
        repository.Head.Tip is { } head && (head.Id == commit.Id || repository.ObjectDatabase.FindMergeBase(commit, head)?.Id == commit.Id);
}
