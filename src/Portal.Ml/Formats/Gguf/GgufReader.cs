namespace Portal.Ml.Formats.Gguf;

/// <summary>
/// Reads a GGUF v3 file from the spec (ggml/docs/gguf.md) and the checks of ggml's gguf.cpp, independently of
/// <see cref="GgufWriter"/> so that reading back an export is a real cross-check. Anything truncated or
/// inconsistent is refused with an <see cref="InvalidDataException"/> naming the file and the problem. Tensors are
/// decoded to float32; quantized types are refused.
/// </summary>
public static class GgufReader
{
    private const uint SupportedVersion = 3;
    private const uint DefaultAlignment = 32;
    private const int MaxDimensions = 4;  // GGML_MAX_DIMS
    private const long MaxNameBytes = 63; // GGML_MAX_NAME less the terminator

    public static GgufFile Read(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var cursor = new GgufCursor(handle, RandomAccess.GetLength(handle), path);

        Span<byte> magic = stackalloc byte[4];
        cursor.Read(magic, "the magic number");
        if (!magic.SequenceEqual("GGUF"u8))
            throw cursor.Corrupt($"it starts with {Convert.ToHexString(magic)}, not the magic \"GGUF\"");
        var version = cursor.ReadUInt32("the version");
        if (version != SupportedVersion)
            throw cursor.Corrupt($"it is GGUF version {version}; only version {SupportedVersion} is supported");
        var tensorCount = cursor.ReadUInt64("the tensor count");
        var metadataCount = cursor.ReadUInt64("the metadata count");

        var metadata = GgufMetadataParser.ReadAll(cursor, metadataCount);
        var alignment = Alignment(metadata, cursor);
        var infos = ReadTensorInfos(cursor, tensorCount);

        var dataStart = AlignUp(cursor.Position, alignment);
        var dataEnd = CheckLayout(infos, alignment, dataStart, cursor);
        if (infos.Count > 0 && cursor.Length != dataEnd)
            throw cursor.Corrupt(cursor.Length > dataEnd
                ? $"{cursor.Length - dataEnd} trailing bytes follow the tensor data"
                : $"the tensor data needs the file to be {dataEnd} bytes long but it is {cursor.Length} (is it truncated?)");

        var tensors = infos
            .Select(info => new GgufTensor(info.Name, info.Dimensions, info.Type, info.Offset,
                RawFloatDecoder.Read(handle, dataStart + (long)info.Offset, (int)info.ElementCount, Format(info.Type), path)))
            .ToList();
        return new GgufFile(version, alignment, dataStart, metadata, tensors);
    }

    private sealed record TensorInfo(string Name, ulong[] Dimensions, GgmlType Type, ulong Offset, long ElementCount, long ByteCount);

    private static uint Alignment(Dictionary<string, object> metadata, GgufCursor cursor)
    {
        if (!metadata.TryGetValue("general.alignment", out var value))
            return DefaultAlignment;
        if (value is not uint alignment)
            throw cursor.Corrupt($"general.alignment is a {value.GetType().Name}, not a uint32");
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
            throw cursor.Corrupt($"general.alignment is {alignment}, not a power of two");
        return alignment;
    }

    private static List<TensorInfo> ReadTensorInfos(GgufCursor cursor, ulong count)
    {
        // Smallest info: empty name (8), dimension count (4), one dimension (8), type (4), offset (8).
        cursor.CheckCount(count, 8 + 4 + 8 + 4 + 8, "the tensor count");
        var infos = new List<TensorInfo>((int)count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (ulong i = 0; i < count; i++)
        {
            var name = cursor.ReadString($"the name of tensor {i}", MaxNameBytes);
            if (!names.Add(name))
                throw cursor.Corrupt($"two tensors are named \"{name}\"");
            var dimensionCount = cursor.ReadUInt32($"the dimension count of \"{name}\"");
            if (dimensionCount is 0 or > MaxDimensions)
                throw cursor.Corrupt($"tensor \"{name}\" has {dimensionCount} dimensions; ggml supports 1 to {MaxDimensions}");
            var dimensions = new ulong[dimensionCount];
            long elementCount = 1;
            for (var d = 0; d < dimensions.Length; d++)
            {
                dimensions[d] = cursor.ReadUInt64($"dimension {d} of \"{name}\"");
                // Checked one factor at a time so the product can never overflow before it is compared.
                if (dimensions[d] > (ulong)Array.MaxLength || (elementCount *= (long)dimensions[d]) > Array.MaxLength)
                    throw cursor.Corrupt($"tensor \"{name}\" has dimensions [{string.Join(", ", dimensions[..(d + 1)])}], more values than one array can hold");
            }
            var type = (GgmlType)cursor.ReadUInt32($"the type of \"{name}\"");
            if (type is not (GgmlType.F32 or GgmlType.F16 or GgmlType.BF16))
                throw cursor.Corrupt($"tensor \"{name}\" has ggml type {(uint)type}; only F32, F16 and BF16 can be decoded");
            var offset = cursor.ReadUInt64($"the offset of \"{name}\"");
            infos.Add(new TensorInfo(name, dimensions, type, offset, elementCount, elementCount * Format(type).ByteSize()));
        }
        return infos;
    }

    /// <summary>
    /// ggml's loader requires each tensor to start where the previous one ends, rounded up to the alignment; that
    /// also rules out overlaps and gaps. Returns the end of the padded data section.
    /// </summary>
    private static long CheckLayout(IReadOnlyList<TensorInfo> infos, uint alignment, long dataStart, GgufCursor cursor)
    {
        long expected = 0;
        foreach (var info in infos)
        {
            if (info.Offset % alignment != 0)
                throw cursor.Corrupt($"tensor \"{info.Name}\" starts at data offset {info.Offset}, not a multiple of the alignment {alignment}");
            if (info.Offset != (ulong)expected)
                throw cursor.Corrupt($"tensor \"{info.Name}\" starts at data offset {info.Offset}; the tensors before it end at {expected}");
            if (info.Offset > (ulong)cursor.Length || dataStart + (long)info.Offset + info.ByteCount > cursor.Length)
                throw cursor.Corrupt($"tensor \"{info.Name}\" ends beyond the end of the file ({cursor.Length} bytes)");
            expected = AlignUp(expected + info.ByteCount, alignment);
        }
        return dataStart + expected;
    }

    private static long AlignUp(long position, uint alignment) => (position + alignment - 1) / alignment * alignment;

    private static RawFloatFormat Format(GgmlType type) => type switch
    {
        GgmlType.F32 => RawFloatFormat.F32,
        GgmlType.F16 => RawFloatFormat.F16,
        _ => RawFloatFormat.BF16,
    };
}
