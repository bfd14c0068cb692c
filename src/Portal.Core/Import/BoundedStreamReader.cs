namespace Portal.Core.Import;

/// <summary>
/// Reads an upload without trusting its length: it asks the stream for at most one byte more than the limit, so an
/// endless or lying stream costs MaxBytes + 1 bytes of memory and reading, never more.
/// </summary>
internal static class BoundedStreamReader
{
    private const int FirstBufferSize = 64 * 1024;

    /// <summary>The content, or null when the stream holds more than <paramref name="maxBytes"/> bytes.</summary>
    public static async Task<ArraySegment<byte>?> ReadAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        if (DeclaresMoreThan(stream, maxBytes))
        {
            return null;
        }

        var limit = (int)Math.Min(maxBytes + 1, Array.MaxLength);
        var buffer = new byte[Math.Min(limit, FirstBufferSize)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (buffer.Length == limit)
                {
                    break;
                }
                Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, limit));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(total, buffer.Length - total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            total += read;
        }

        return total > maxBytes || total == Array.MaxLength ? (ArraySegment<byte>?)null : new ArraySegment<byte>(buffer, 0, total);
    }

    // A seekable stream that already says it is too big is refused without reading a byte.
    private static bool DeclaresMoreThan(Stream stream, long maxBytes)
    {
        if (!stream.CanSeek)
        {
            return false;
        }
        try
        {
            return stream.Length - stream.Position > maxBytes;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }
}
