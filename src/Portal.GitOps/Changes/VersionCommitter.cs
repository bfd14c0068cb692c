using LibGit2Sharp;
using Portal.GitOps.Git;

namespace Portal.GitOps.Changes;

/// <summary>Writes a version: one commit on top of the branch and its annotated tag.</summary>
internal sealed class VersionCommitter(DeployRepositoryOptions options)
{
    /// <summary>
    /// Commit object, then tag, then the branch, in that order: until the branch moves nothing is visible, and a
    /// process killed before that leaves at most a tag on an unreachable commit, which <see cref="VersionTags.EnsureFree"/>
    /// clears. The index and files are the caller's to bring to the new commit.
    /// </summary>
    public Commit Commit(Repository repository, Tree tree, string message, string tag, string tagMessage)
    {
        var branch = repository.Refs[repository.Head.CanonicalName]
            ?? throw new InvalidOperationException("The deploy repository's branch has no commit to build on.");
        var signature = DeploySignature.Now(options);
        var commit = repository.ObjectDatabase.CreateCommit(signature, signature, message, tree, [repository.Head.Tip], prettifyMessage: true);
        repository.Tags.Add(tag, commit, signature, WithFinalNewline(tagMessage));
        repository.Refs.UpdateTarget(branch, commit.Id, "commit: " + FirstLine(message));
        return commit;
    }

    private static string WithFinalNewline(string text) => text.EndsWith('\n') ? text : text + "\n";

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
