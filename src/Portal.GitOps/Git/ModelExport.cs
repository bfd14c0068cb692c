using LibGit2Sharp;

namespace Portal.GitOps.Git;

/// <summary>Writes the blobs of a tree (a version's model/) into a folder, straight from the object database.</summary>
internal static class ModelExport
{
    public static int Write(Tree tree, string targetFolder, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(targetFolder);
        Directory.CreateDirectory(root);
        var written = 0;
        foreach (var entry in tree)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A tree from a remote is input: a name that climbs out of the folder is skipped, never followed.
            if (entry.Name is "." or ".." || entry.Name.IndexOfAny(['/', '\\']) >= 0)
                continue;
            var target = Path.Combine(root, entry.Name);
            switch (entry.Target)
            {
                case Tree subtree:
                    written += Write(subtree, target, cancellationToken);
                    break;
                case Blob blob:
                    using (var source = blob.GetContentStream())
                    using (var file = File.Create(target))
                        source.CopyTo(file);
                    written++;
                    break;
            }
        }
        return written;
    }
}
