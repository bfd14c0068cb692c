using System.Buffers.Binary;

namespace Portal.Ml.Formats;

/// <summary>
/// Encodes float32 values for the writers. Narrowing rounds to nearest-even, as PyTorch's .half() and
/// .bfloat16() do: NaN stays NaN, infinities stay infinite, values beyond the target's range become infinite and
/// values below its smallest subnormal become (signed) zero.
/// </summary>
internal static class RawFloatEncoder
{
    private const int ChunkValues = 1 << 15;

    public static void Write(Stream stream, ReadOnlySpan<float> values, RawFloatFormat format)
    {
        var size = format.ByteSize();
        var buffer = new byte[Math.Min(values.Length, ChunkValues) * size];
        while (!values.IsEmpty)
        {
            var chunk = values[..Math.Min(values.Length, ChunkValues)];
            for (var i = 0; i < chunk.Length; i++)
            {
                var slot = buffer.AsSpan(i * size, size);
                switch (format)
                {
                    case RawFloatFormat.F32: BinaryPrimitives.WriteSingleLittleEndian(slot, chunk[i]); break;
                    case RawFloatFormat.F16: BinaryPrimitives.WriteHalfLittleEndian(slot, (Half)chunk[i]); break;
                    default: BinaryPrimitives.WriteUInt16LittleEndian(slot, ToBFloat16Bits(chunk[i])); break;
                }
            }
            stream.Write(buffer, 0, chunk.Length * size);
            values = values[chunk.Length..];
        }
    }

    public static ushort ToBFloat16Bits(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        // Rounding could carry a NaN's payload into the sign or turn it into infinity; keep it a quiet NaN.
        if (float.IsNaN(value))
            return (ushort)((bits >> 16) | 0x0040);
        var roundingBias = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + roundingBias) >> 16);
    }
}
