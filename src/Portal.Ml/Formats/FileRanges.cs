using Microsoft.Win32.SafeHandles;

namespace Portal.Ml.Formats;

/// <summary>Positional reads that either fill the buffer or fail with a message naming the file.</summary>
internal static class FileRanges
{
    public static void ReadExactly(SafeFileHandle handle, Span<byte> destination, long offset, string path)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(handle, destination, offset);
            // The callers check every range against the length measured at open, so running short here means the
            // file shrank while we read it.
            if (read == 0)
                throw new InvalidDataException($"\"{path}\" ended at byte {offset} while being read; was it truncated by another process?");
            destination = destination[read..];
            offset += read;
        }
    }
}
