using System.Buffers.Binary;
using System.Text;

namespace Portal.Ml.Formats.Gguf;

/// <summary>The little-endian primitives of a GGUF file (ggml/docs/gguf.md), written to a stream.</summary>
internal sealed class GgufEncoder(Stream stream)
{
    // gguf_metadata_value_type codes.
    private const uint TypeUInt32 = 4, TypeInt32 = 5, TypeFloat32 = 6, TypeString = 8, TypeArray = 9;

    public long Position => stream.Position;

    public void WriteUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    public void WriteUInt64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    /// <summary>gguf_string_t: a uint64 byte length, then UTF-8 with no terminator.</summary>
    public void WriteString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteUInt64((ulong)bytes.Length);
        stream.Write(bytes);
    }

    /// <summary>One metadata pair; the value's .NET type picks the GGUF type (llama.cpp checks types strictly).</summary>
    public void WriteKeyValue(string key, object value)
    {
        WriteString(key);
        switch (value)
        {
            case string text:
                WriteUInt32(TypeString);
                WriteString(text);
                break;
            case uint number:
                WriteUInt32(TypeUInt32);
                WriteUInt32(number);
                break;
            case float number:
                WriteUInt32(TypeFloat32);
                WriteUInt32(BitConverter.SingleToUInt32Bits(number));
                break;
            case IReadOnlyList<string> texts:
                WriteArrayHeader(TypeString, texts.Count);
                foreach (var text in texts)
                    WriteString(text);
                break;
            case IReadOnlyList<int> numbers:
                WriteArrayHeader(TypeInt32, numbers.Count);
                foreach (var number in numbers)
                    WriteUInt32(unchecked((uint)number));
                break;
            default:
                throw new ArgumentException($"No GGUF encoding for {value.GetType()} (key {key}).", nameof(value));
        }
    }

    public void WriteTensorInfo(string name, ulong[] dimensions, uint ggmlType, ulong offset)
    {
        // ggml keeps tensor names in a 64-byte buffer including the terminator.
        if (Encoding.UTF8.GetByteCount(name) >= 64)
            throw new ArgumentException($"The tensor name \"{name}\" is longer than ggml's 63 bytes.", nameof(name));
        WriteString(name);
        WriteUInt32((uint)dimensions.Length);
        foreach (var dimension in dimensions)
            WriteUInt64(dimension);
        WriteUInt32(ggmlType);
        WriteUInt64(offset);
    }

    /// <summary>Zero bytes up to the next multiple of the alignment, as the spec and ggml's loader require.</summary>
    public void PadTo(int alignment)
    {
        var padding = (int)((alignment - stream.Position % alignment) % alignment);
        Span<byte> zeros = stackalloc byte[alignment];
        zeros.Clear();
        stream.Write(zeros[..padding]);
    }

    private void WriteArrayHeader(uint elementType, int count)
    {
        WriteUInt32(TypeArray);
        WriteUInt32(elementType);
        WriteUInt64((ulong)count);
    }
}
