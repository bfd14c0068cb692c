using Portal.Core.Versions;

namespace Portal.GitOps.Changes;

/// <summary>What makes a promotion impossible, found before the repository is touched.</summary>
internal static class PromotionChecks
{
    /// <exception cref="DeployRefusedException">The model folder is missing or empty, a file is over the limit, or the manifest is another version's.</exception>
    public static void Check(PromotionChange change, long maxFileBytes)
    {
        if (change.Manifest.Version != change.Version)
            throw new DeployRefusedException($"The manifest describes v{change.Manifest.Version}, not {change.Tag}.");
        if (!Directory.Exists(change.ModelFolder))
            throw new DeployRefusedException($"The model files of {change.Tag} are missing (the candidate's folder is gone).");

        var root = Path.GetFullPath(change.ModelFolder);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(file => (Path: VersionManifest.ModelFolder + "/" + Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'), Size: new FileInfo(file).Length))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
            throw new DeployRefusedException($"The model folder of {change.Tag} is empty.");

        var oversize = files.Where(f => f.Size > maxFileBytes).Select(f => $"{f.Path} is {ByteSize.Format(f.Size)}").ToList();
        if (oversize.Count > 0)
            throw new DeployRefusedException($"{string.Join("; ", oversize)}; the deploy repository takes files up to {ByteSize.Format(maxFileBytes)}.");
    }
}
