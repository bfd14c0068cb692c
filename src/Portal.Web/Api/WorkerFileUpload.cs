namespace Portal.Web.Api;

/// <summary>
/// Writes an upload next to its destination under a temporary dot name, then renames it over the destination: a
/// reader (the next attempt of a job, a download) sees the old file or the whole new one, never half of it.
/// </summary>
internal static class WorkerFileUpload
{
    /// <summary>False, with nothing written, when the body is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<bool> WriteAsync(Stream body, string folder, string name, long maxBytes, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.upload");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                        return false;
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                // On disk before the rename, so that a power cut cannot leave the new name on an empty file.
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, Path.Combine(folder, name), overwrite: true);
            return true;
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
