using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Portal.Web.Services.Training;

/// <summary>
/// SHA-256 of files that workers download, remembered per path, size and write time: a base model's weights are
/// hashed once, not on every listing by every worker.
/// </summary>
public sealed class FileDigests
{
    private readonly ConcurrentDictionary<string, (long Length, DateTime WrittenAt, string Sha256)> known = new(StringComparer.Ordinal);

    public async Task<string> Sha256Async(FileInfo file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var key = file.FullName;
        if (known.TryGetValue(key, out var entry) && entry.Length == file.Length && entry.WrittenAt == file.LastWriteTimeUtc)
            return entry.Sha256;

        await using var stream = file.OpenRead();
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        known[key] = (file.Length, file.LastWriteTimeUtc, sha256);
        return sha256;
    }
}
