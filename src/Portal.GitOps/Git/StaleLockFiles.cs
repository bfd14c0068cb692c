namespace Portal.GitOps.Git;

/// <summary>
/// Lock files a killed process left in the working clone's .git. The portal is the clone's only writer and runs one
/// operation at a time, so a lock that exists before an operation starts belongs to no one; left alone it would make
/// every later commit fail with "index.lock exists".
/// </summary>
internal static class StaleLockFiles
{
    private static readonly string[] TopLevel = ["index.lock", "HEAD.lock", "config.lock", "packed-refs.lock", "ORIG_HEAD.lock"];

    /// <summary>Deletes them and returns how many there were.</summary>
    public static int Remove(string gitDirectory)
    {
        if (!Directory.Exists(gitDirectory))
            return 0;
        var refs = Path.Combine(gitDirectory, "refs");
        var locks = TopLevel.Select(name => Path.Combine(gitDirectory, name)).Where(File.Exists)
            .Concat(Directory.Exists(refs) ? Directory.EnumerateFiles(refs, "*.lock", SearchOption.AllDirectories) : [])
            .ToList();
        foreach (var file in locks)
            File.Delete(file);
        return locks.Count;
    }
}
