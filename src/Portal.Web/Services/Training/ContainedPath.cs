namespace Portal.Web.Services.Training;

/// <summary>Checks that a path, and whatever symbolic links it goes through, stays inside a root folder.</summary>
internal static class ContainedPath
{
    /// <summary>Lexical check on full paths: no "..", no other root.</summary>
    public static bool IsInside(string root, string path)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(root), Path.GetFullPath(path));
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && !Path.IsPathRooted(relative);
    }

    /// <summary>
    /// True when the path exists and its final target (after every link on the way) is inside the root's own final
    /// target. A base model may be a link to another folder in base-models, never to the rest of the disk.
    /// </summary>
    public static bool StaysInside(string root, string path)
    {
        var realRoot = RealPath(root);
        var realPath = RealPath(path);
        return realRoot is not null && realPath is not null && IsInside(realRoot, realPath);
    }

    /// <summary>The path with every link resolved, component by component; null when it does not exist or loops.</summary>
    private static string? RealPath(string path)
    {
        try
        {
            return Resolve(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (!info.Exists)
                return null;
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null || !target.Exists)
                    return null;
                next = Resolve(target.FullName);
                if (next is null)
                    return null;
            }
            current = next;
        }
        return current;
    }
}
