using LibGit2Sharp;

namespace Portal.Serving.Deploy;

/// <summary>
/// Writes the files of a commit's tree to a folder, byte for byte as committed: blobs are copied without git's
/// filters (no line-ending or attribute conversions), so that what is verified is exactly what was pushed.
/// </summary>
internal static class TreeExporter
{
    public static void Write(Tree tree, string folder)
    {
        ArgumentNullException.ThrowIfNull(tree);
        Directory.CreateDirectory(folder);
        foreach (var entry in tree)
        {
            // libgit2 refuses such names when it writes a tree, but a fetched tree comes from someone else's git.
            if (entry.Name is "" or "." or ".." or ".git" || entry.Name.Contains('/') || entry.Name.Contains('\\'))
                throw new InvalidDataException($"The commit holds an entry named \"{entry.Name}\", which cannot be written safely.");
            var path = Path.Combine(folder, entry.Name);
            switch (entry.Target)
            {
                case Tree subtree:
                    Write(subtree, path);
                    break;
                case Blob blob:
                    // A symbolic link becomes a file holding its target: a checkout never points outside itself.
                    using (var content = blob.GetContentStream())
                    using (var file = File.Create(path))
                        content.CopyTo(file);
                    break;
                // A submodule (GitLink) has no content here; a deploy repository holds none.
            }
        }
    }
}
