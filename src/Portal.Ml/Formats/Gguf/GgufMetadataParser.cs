namespace Portal.Ml.Formats.Gguf;

/// <summary>Reads gguf_metadata_kv_t values into typed .NET values (see <see cref="GgufFile"/> for the mapping).</summary>
internal static class GgufMetadataParser
{
    private const uint UInt8 = 0, Int8 = 1, UInt16 = 2, Int16 = 3, UInt32 = 4, Int32 = 5, Float32 = 6, Bool = 7,
        String = 8, Array = 9, UInt64 = 10, Int64 = 11, Float64 = 12;

    // The spec caps keys at 65535 bytes; values get the same cap so that one string cannot ask for gigabytes.
    public const long MaxKeyBytes = ushort.MaxValue;
    private const long MaxStringBytes = 64L << 20;

    public static Dictionary<string, object> ReadAll(GgufCursor cursor, ulong count)
    {
        // Smallest pair: an empty key (8-byte length), a type (4) and a one-byte value.
        cursor.CheckCount(count, 8 + 4 + 1, "the metadata count");
        var metadata = new Dictionary<string, object>(StringComparer.Ordinal);
        for (ulong i = 0; i < count; i++)
        {
            var key = cursor.ReadString($"metadata key {i}", MaxKeyBytes);
            var type = cursor.ReadUInt32($"the type of \"{key}\"");
            var value = type == Array ? ReadArray(cursor, key) : ReadScalar(cursor, type, key);
            if (!metadata.TryAdd(key, value))
                throw cursor.Corrupt($"the metadata key \"{key}\" appears twice");
        }
        return metadata;
    }

    private static object ReadScalar(GgufCursor cursor, uint type, string key) => type switch
    {
        UInt8 => cursor.ReadByte(key),
        Int8 => unchecked((sbyte)cursor.ReadByte(key)),
        UInt16 => cursor.ReadUInt16(key),
        Int16 => unchecked((short)cursor.ReadUInt16(key)),
        UInt32 => cursor.ReadUInt32(key),
        Int32 => unchecked((int)cursor.ReadUInt32(key)),
        Float32 => BitConverter.UInt32BitsToSingle(cursor.ReadUInt32(key)),
        Bool => cursor.ReadByte(key) switch
        {
            0 => false,
            1 => true,
            var other => throw cursor.Corrupt($"\"{key}\" is a bool stored as {other}, not 0 or 1"),
        },
        String => cursor.ReadString($"the value of \"{key}\"", MaxStringBytes),
        UInt64 => cursor.ReadUInt64(key),
        Int64 => unchecked((long)cursor.ReadUInt64(key)),
        Float64 => BitConverter.UInt64BitsToDouble(cursor.ReadUInt64(key)),
        _ => throw cursor.Corrupt($"\"{key}\" has value type {type}, which the GGUF spec does not define"),
    };

    private static object ReadArray(GgufCursor cursor, string key)
    {
        var elementType = cursor.ReadUInt32($"the element type of \"{key}\"");
        var count = cursor.ReadUInt64($"the length of \"{key}\"");
        // ggml's own reader does not accept arrays of arrays either.
        if (elementType == Array)
            throw cursor.Corrupt($"\"{key}\" is an array of arrays, which is not supported");
        long elementBytes = elementType switch
        {
            UInt8 or Int8 or Bool => 1,
            UInt16 or Int16 => 2,
            UInt32 or Int32 or Float32 => 4,
            String or UInt64 or Int64 or Float64 => 8, // a string is at least its 8-byte length
            _ => throw cursor.Corrupt($"\"{key}\" is an array of value type {elementType}, which the GGUF spec does not define"),
        };
        cursor.CheckCount(count, elementBytes, $"the length of \"{key}\"");
        var length = (int)count; // bounded by the file length over elementBytes, checked just above
        return elementType switch
        {
            String => Fill(length, _ => cursor.ReadString($"an element of \"{key}\"", MaxStringBytes)),
            UInt8 => Fill(length, _ => cursor.ReadByte(key)),
            Int8 => Fill(length, _ => unchecked((sbyte)cursor.ReadByte(key))),
            Bool => Fill(length, _ => (bool)ReadScalar(cursor, Bool, key)),
            UInt16 => Fill(length, _ => cursor.ReadUInt16(key)),
            Int16 => Fill(length, _ => unchecked((short)cursor.ReadUInt16(key))),
            UInt32 => Fill(length, _ => cursor.ReadUInt32(key)),
            Int32 => Fill(length, _ => unchecked((int)cursor.ReadUInt32(key))),
            Float32 => Fill(length, _ => BitConverter.UInt32BitsToSingle(cursor.ReadUInt32(key))),
            UInt64 => Fill(length, _ => cursor.ReadUInt64(key)),
            Int64 => Fill(length, _ => unchecked((long)cursor.ReadUInt64(key))),
            _ => Fill(length, _ => BitConverter.UInt64BitsToDouble(cursor.ReadUInt64(key))),
        };
    }

    private static T[] Fill<T>(int length, Func<int, T> read)
    {
        var values = new T[length];
        for (var i = 0; i < length; i++)
            values[i] = read(i);
        return values;
    }
}
