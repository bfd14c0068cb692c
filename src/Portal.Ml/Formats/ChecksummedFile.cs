using System.Security.Cryptography;

namespace Portal.Ml.Formats;

/// <summary>
/// A file that ends with the SHA-256 of everything before it: [content][32-byte SHA-256]["SHA-256\n"]. The digest
/// lives inside the file rather than in a sidecar, so the one rename that publishes the file publishes its checksum
/// with it (a crash cannot leave the two out of step), and a copy or an upload carries it along unchanged.
/// </summary>
public static class ChecksummedFile
{
    public const int TrailerLength = DigestLength + 8;

    private const int DigestLength = 32;
    private static readonly byte[] Marker = "SHA-256\n"u8.ToArray();

    /// <summary>
    /// Writes the file so that readers only ever see the old file or the complete new one (a temporary file in the
    /// same folder, flushed to disk, then renamed over <paramref name="path"/>). With <paramref name="backupPath"/>,
    /// the file being replaced becomes that backup in the same step (a hard link on Linux), so there is never a
    /// moment without <paramref name="path"/>.
    /// </summary>
    public static void Write(string path, Action<Stream> writeContent, string? backupPath = null)
    {
        ArgumentNullException.ThrowIfNull(writeContent);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"\"{path}\" has no parent folder.", nameof(path));
        Directory.CreateDirectory(folder);
        // Dot-prefixed and .tmp, like every temporary file of ours: a remote worker's upload skips it, and a worker
        // starting a job removes what a killed one left.
        var temporaryPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                using (var hashing = new HashingWriteStream(file))
                {
                    writeContent(hashing);
                    file.Write(hashing.Digest());
                }
                file.Write(Marker);
                // Without this the rename can reach the disk before the data does, and a power cut leaves an
                // empty file under the final name.
                file.Flush(flushToDisk: true);
            }
            if (backupPath is not null && File.Exists(fullPath))
                File.Replace(temporaryPath, fullPath, Path.GetFullPath(backupPath));
            else
                File.Move(temporaryPath, fullPath, overwrite: true);
        }
        finally
        {
            // Gone already when the rename happened; a write cut short leaves nothing behind.
            File.Delete(temporaryPath);
        }
    }

    /// <summary>
    /// What is wrong with the file in <paramref name="stream"/>, in words that finish "the file is damaged: ...", or
    /// null when its content matches its checksum. Reads the whole stream; leaves its position at the end.
    /// </summary>
    public static string? Problem(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var length = stream.Length;
        if (length < TrailerLength)
            return $"it is truncated ({length} bytes, too short even for its checksum)";

        var trailer = new byte[TrailerLength];
        stream.Position = length - TrailerLength;
        stream.ReadExactly(trailer);
        if (!trailer.AsSpan(DigestLength).SequenceEqual(Marker))
            return $"it is truncated or was never finished ({length:N0} bytes): the SHA-256 checksum that ends a complete file is not there";

        stream.Position = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        for (var left = length - TrailerLength; left > 0;)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
                return "it shrank while it was being checked";
            hash.AppendData(buffer, 0, read);
            left -= read;
        }
        stream.Position = length;
        var actual = hash.GetHashAndReset();
        var recorded = trailer.AsSpan(0, DigestLength);
        return actual.AsSpan().SequenceEqual(recorded)
            ? null
            : $"its SHA-256 is {Convert.ToHexStringLower(actual)} but the file records {Convert.ToHexStringLower(recorded)}: bytes were changed or lost since it was written";
    }

    /// <summary>The problem of the file at <paramref name="path"/> (see <see cref="Problem(Stream)"/>); null when it is whole.</summary>
    public static string? Problem(string path)
    {
        using var stream = File.OpenRead(path);
        return Problem(stream);
    }
}
