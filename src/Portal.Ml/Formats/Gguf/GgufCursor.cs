using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Portal.Ml.Formats.Gguf;

/// <summary>
/// Sequential little-endian reads over a file whose length is known up front. Every read is checked against the
/// bytes left before anything is copied or allocated, so a lying count or length fails as corrupt data instead of
/// reading past the end or allocating what the file cannot contain.
/// </summary>
internal sealed class GgufCursor(SafeFileHandle handle, long length, string path)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly byte[] window = new byte[1 << 16];
    private long windowStart;
    private int windowCount;

    public long Position { get; private set; }

    public long Length => length;

    public long Remaining => length - Position;

    public InvalidDataException Corrupt(string problem) => new($"\"{path}\" is not a valid GGUF file: {problem}.");

    public void Read(Span<byte> destination, string what)
    {
        if (destination.Length > Remaining)
            throw Corrupt($"{what} at byte {Position} needs {destination.Length} bytes but the file ends {Remaining} bytes later");
        while (!destination.IsEmpty)
        {
            var inWindow = Position - windowStart;
            if (inWindow < 0 || inWindow >= windowCount)
            {
                windowStart = Position;
                windowCount = (int)Math.Min(window.Length, length - Position);
                FileRanges.ReadExactly(handle, window.AsSpan(0, windowCount), Position, path);
                inWindow = 0;
            }
            var count = Math.Min(destination.Length, windowCount - (int)inWindow);
            window.AsSpan((int)inWindow, count).CopyTo(destination);
            destination = destination[count..];
            Position += count;
        }
    }

    public byte ReadByte(string what)
    {
        Span<byte> bytes = stackalloc byte[1];
        Read(bytes, what);
        return bytes[0];
    }

    public ushort ReadUInt16(string what)
    {
        Span<byte> bytes = stackalloc byte[2];
        Read(bytes, what);
        return BinaryPrimitives.ReadUInt16LittleEndian(bytes);
    }

    public uint ReadUInt32(string what)
    {
        Span<byte> bytes = stackalloc byte[4];
        Read(bytes, what);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    public ulong ReadUInt64(string what)
    {
        Span<byte> bytes = stackalloc byte[8];
        Read(bytes, what);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    /// <summary>gguf_string_t: uint64 length, then that many bytes of UTF-8.</summary>
    public string ReadString(string what, long maxBytes)
    {
        var byteCount = ReadUInt64($"the length of {what}");
        if (byteCount > (ulong)maxBytes)
            throw Corrupt($"{what} is {byteCount} bytes long, more than the {maxBytes} allowed");
        if (byteCount > (ulong)Remaining)
            throw Corrupt($"{what} is {byteCount} bytes long but only {Remaining} bytes remain");
        var bytes = new byte[byteCount];
        Read(bytes, what);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Corrupt($"{what} is not valid UTF-8");
        }
    }

    /// <summary>Refuses a count of items that could not fit in the rest of the file even at their smallest.</summary>
    public void CheckCount(ulong count, long minimumItemBytes, string what)
    {
        if (count > (ulong)(Remaining / minimumItemBytes))
            throw Corrupt($"{what} is {count}, but the {Remaining} bytes left in the file cannot hold that many");
    }
}
