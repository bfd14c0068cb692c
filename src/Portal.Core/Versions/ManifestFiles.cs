using System.Security.Cryptography;

namespace Portal.Core.Versions;

/// <summary>Hashes and checks the files a manifest lists.</summary>
public static class ManifestFiles
{
    /// <summary>Every file under <paramref name="modelFolder"/> as it will sit under model/ in the repository, sorted by path.</summary>
    public static IReadOnlyList<ManifestFile> Describe(string modelFolder)
    {
        var root = Path.GetFullPath(modelFolder);
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(file => new ManifestFile(
                VersionManifest.ModelFolder + "/" + Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'),
                Sha256Of(file),
                new FileInfo(file).Length))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// What is wrong with the files of <paramref name="repositoryRoot"/> against the manifest: missing, wrong size,
    /// wrong sha256, a path that leaves the folder, or a file under model/ the manifest does not list. Empty when intact.
    /// </summary>
    public static IReadOnlyList<string> Verify(string repositoryRoot, VersionManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        // libgit2 reports working directories with a trailing separator; the containment check below adds its own.
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repositoryRoot));
        var problems = new List<string>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            var full = Path.GetFullPath(Path.Combine(root, file.Path));
            if (Path.IsPathRooted(file.Path) || !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                problems.Add($"{file.Path}: the path leaves the model folder.");
                continue;
            }
            listed.Add(full);
            if (!File.Exists(full))
                problems.Add($"{file.Path}: missing.");
            else if (new FileInfo(full).Length != file.Size)
                problems.Add($"{file.Path}: {new FileInfo(full).Length} bytes, the manifest says {file.Size}.");
            else if (!string.Equals(Sha256Of(full), file.Sha256, StringComparison.OrdinalIgnoreCase))
                problems.Add($"{file.Path}: sha256 does not match the manifest (the file is damaged or was changed).");
        }

        var modelRoot = Path.Combine(root, VersionManifest.ModelFolder);
        if (Directory.Exists(modelRoot))
        {
            foreach (var extra in Directory.EnumerateFiles(modelRoot, "*", SearchOption.AllDirectories).Where(f => !listed.Contains(f)).Order(StringComparer.Ordinal))
                problems.Add($"{Path.GetRelativePath(root, extra).Replace(Path.DirectorySeparatorChar, '/')}: not in the manifest.");
        }
        return problems;
    }

    public static string Sha256Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
