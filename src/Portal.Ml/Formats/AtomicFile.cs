namespace Portal.Ml.Formats;

/// <summary>
/// Writes a file so that readers only ever see the old file or the complete new one: the bytes go to a temporary
/// file in the same folder (a rename is only atomic within one file system), are flushed to disk, and the temporary
/// file then replaces the target. A crash or an exception mid-write leaves at most a stray temporary file, never a
/// half-written model that a later load would trip over.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<FileStream> writeContent)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"\"{path}\" has no parent folder.", nameof(path));
        Directory.CreateDirectory(folder);
        var temporaryPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");

        var moved = false;
        try
        {
            using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                writeContent(stream);
                // Without this the rename can reach the disk before the data does, and a power cut leaves an
                // empty file under the final name.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporaryPath, fullPath, overwrite: true);
            moved = true;
        }
        finally
        {
            if (!moved)
                File.Delete(temporaryPath);
        }
    }
}
