using LibGit2Sharp;

namespace Portal.Serving.Deploy;

/// <summary>The commit a --model folder was checked out at, so that responses can name it like pull mode does.</summary>
internal static class GitHead
{
    /// <summary>The HEAD commit when <paramref name="folder"/> is the root of a git working tree; null otherwise.</summary>
    public static string? Of(string folder)
    {
        try
        {
            if (!Repository.IsValid(folder))
                return null;
            using var repository = new Repository(folder);
            // A folder inside some other repository would name that repository's commit, which says nothing about the model.
            var root = repository.Info.WorkingDirectory;
            return root is not null && Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) == Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)
                ? repository.Head.Tip?.Sha
                : null;
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
    }
}
