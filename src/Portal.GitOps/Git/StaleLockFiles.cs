namespace Portal.GitOps.Git;

/// <summary>
/// Lock files a killed process left in the working clone's .git. They are only looked for while the caller holds the
/// clone's <see cref="CloneOwner"/>: no other portal is working on the clone then, and this one runs one operation at a
/// time, so a lock that exists belongs to no one; left alone it would make every later commit fail with
/// "index.lock exists".
/// </summary>
internal static class StaleLockFiles
{
    /// <summary>Where git and libgit2 take locks: the index, HEAD, config, packed-refs and the like at the top, each ref, each reflog.</summary>
    private static readonly string[] LockedTrees = ["refs", "logs"];

    /// <summary>Deletes them and returns how many there were.</summary>
    public static int Remove(string gitDirectory)
    {
        if (!Directory.Exists(gitDirectory))
            return 0;
        var locks = Directory.EnumerateFiles(gitDirectory, "*.lock", SearchOption.TopDirectoryOnly)
            .Concat(LockedTrees.Select(tree => Path.Combine(gitDirectory, tree)).Where(Directory.Exists)
                .SelectMany(tree => Directory.EnumerateFiles(tree, "*.lock", SearchOption.AllDirectories)))
            .ToList();
        foreach (var file in locks)
            File.Delete(file);
        return locks.Count;
    }
}
