using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Portal.Ml.Formats;

/// <summary>
/// Reads a range of a file straight into a float32 array: float32 data lands in the array with no intermediate
/// copy, narrower data goes through one small buffer. A 500 MB checkpoint is therefore held once, as the result.
/// Callers must have checked the range against the file length before calling.
/// </summary>
internal static class RawFloatDecoder
{
    private const int ChunkValues = 1 << 15;

    public static float[] Read(SafeFileHandle handle, long offset, int count, RawFloatFormat format, string path)
    {
        var values = new float[count];
        if (format == RawFloatFormat.F32 && BitConverter.IsLittleEndian)
        {
            FileRanges.ReadExactly(handle, MemoryMarshal.AsBytes(values.AsSpan()), offset, path);
            return values;
        }

        var size = format.ByteSize();
        var buffer = new byte[Math.Min(count, ChunkValues) * size];
        for (var start = 0; start < count; start += ChunkValues)
        {
            var chunkCount = Math.Min(ChunkValues, count - start);
            var bytes = buffer.AsSpan(0, chunkCount * size);
            FileRanges.ReadExactly(handle, bytes, offset + (long)start * size, path);
            for (var i = 0; i < chunkCount; i++)
            {
                var slot = bytes.Slice(i * size, size);
                values[start + i] = format switch
                {
                    RawFloatFormat.F32 => BinaryPrimitives.ReadSingleLittleEndian(slot),
                    RawFloatFormat.F16 => (float)BinaryPrimitives.ReadHalfLittleEndian(slot),
                    _ => BitConverter.UInt32BitsToSingle((uint)BinaryPrimitives.ReadUInt16LittleEndian(slot) << 16),
                };
            }
        }
        return values;
    }
}
