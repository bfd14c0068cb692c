using LibGit2Sharp;
using Portal.Core.Versions;
using Portal.GitOps.Git;

namespace Portal.GitOps.Changes;

/// <summary>
/// Writes a promotion into the working clone: model/ replaced by the candidate's files, manifest.json, MODEL_CARD.md,
/// the new entry on top of VERSION_LOG.md; checked against the manifest, then committed and tagged.
/// </summary>
internal sealed class PromotionWriter(VersionCommitter committer)
{
    public const string ModelCardFile = "MODEL_CARD.md";

    public Commit Apply(Repository repository, PromotionChange change, CancellationToken cancellationToken)
    {
        VersionTags.EnsureFree(repository, change.Tag);
        // libgit2 ends the path with a separator; ManifestFiles.Verify compares paths against root + separator.
        var root = Path.TrimEndingDirectorySeparator(repository.Info.WorkingDirectory);
        try
        {
            ReplaceModel(root, change.ModelFolder, cancellationToken);
            File.WriteAllText(Path.Combine(root, VersionManifest.FileName), ManifestJson.Serialize(change.Manifest));
            File.WriteAllText(Path.Combine(root, ModelCardFile), change.ModelCard);
            var logPath = Path.Combine(root, VersionLog.FileName);
            File.WriteAllText(logPath, VersionLog.Prepend(File.Exists(logPath) ? File.ReadAllText(logPath) : null, change.VersionLogEntry));

            var problems = ManifestFiles.Verify(root, change.Manifest);
            if (problems.Count > 0)
                throw new DeployRefusedException($"The model files of {change.Tag} do not match its manifest, so nothing was committed: {string.Join(" ", problems.Take(5))}");
            cancellationToken.ThrowIfCancellationRequested();

            var tree = Stage(repository, change.Manifest);
            return committer.Commit(repository, tree, change.Message, change.Tag, change.Message);
        }
        catch
        {
            // Whatever stopped the change (a refusal, a cancel, a full disk), none of it may stay for the next commit.
            WorkingTree.Restore(repository);
            throw;
        }
    }

    private static void ReplaceModel(string root, string modelFolder, CancellationToken cancellationToken)
    {
        var target = Path.Combine(root, VersionManifest.ModelFolder);
        if (Directory.Exists(target))
            Directory.Delete(target, recursive: true);
        var source = Path.GetFullPath(modelFolder);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    /// <summary>
    /// Stages everything, and the model files even if a .gitignore in the repository matches them (a "*.bin" rule
    /// would otherwise drop pytorch_model.bin from a commit whose manifest lists it).
    /// </summary>
    private static Tree Stage(Repository repository, VersionManifest manifest)
    {
        Commands.Stage(repository, "*");
        Commands.Stage(repository, manifest.Files.Select(f => f.Path), new StageOptions { IncludeIgnored = true });
        var tree = repository.Index.WriteToTree();
        var missing = manifest.Files.Where(f => tree[f.Path] is null).Select(f => f.Path).ToList();
        if (missing.Count > 0)
            throw new DeployRefusedException($"These model files could not be added to the commit: {string.Join(", ", missing)}.");
        return tree;
    }
}
