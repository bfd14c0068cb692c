using LibGit2Sharp;

namespace Portal.GitOps.Git;

/// <summary>The default remote: a bare repository in the data directory, so that a fresh install deploys with no network.</summary>
internal static class LocalBareRemote
{
    public static void Ensure(string path, string branch)
    {
        if (Repository.IsValid(path))
            return;
        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
            throw new InvalidOperationException($"{path} holds files but no git repository; move them away and the portal creates the local deploy remote again.");

        // Built beside its place and moved in whole: a process killed half way leaves only the staging folder.
        var staging = Path.TrimEndingDirectorySeparator(path) + ".partial";
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(Path.GetDirectoryName(staging)!);
        Repository.Init(staging, isBare: true);
        // Clones of the remote (the serving app's) check out the deploy branch, whatever git's default branch is.
        File.WriteAllText(Path.Combine(staging, "HEAD"), $"ref: refs/heads/{branch}\n");
        if (Directory.Exists(path))
            Directory.Delete(path);
        Directory.Move(staging, path);
    }
}
