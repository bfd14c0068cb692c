using LibGit2Sharp;

namespace Portal.GitOps.Git;

/// <summary>Brings the working clone's files and index back to exactly what HEAD holds.</summary>
internal static class WorkingTree
{
    private static readonly StatusOptions EverythingButIgnored = new() { IncludeUntracked = true, RecurseUntrackedDirs = true, IncludeIgnored = false };

    /// <summary>Files that differ from HEAD: changed, staged, deleted or new.</summary>
    public static int Changes(Repository repository) =>
        repository.RetrieveStatus(EverythingButIgnored).Count(e => e.State is not (FileStatus.Unaltered or FileStatus.Ignored));

    /// <summary>reset --hard HEAD, then removes untracked files: a half-written change never reaches a commit.</summary>
    public static void Restore(Repository repository)
    {
        if (repository.Head.Tip is { } head)
            repository.Reset(ResetMode.Hard, head);
        repository.RemoveUntrackedFiles();
    }
}
