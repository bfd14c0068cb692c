using System.Text.Json;
using System.Text.Unicode;

namespace Portal.Ml.Formats.SafeTensors;

/// <summary>
/// Turns the JSON header into entries and refuses anything a careful reader should not trust: wrong types, unknown
/// dtypes, sizes that disagree with shapes, overlapping or gapped offsets, data outside the file, trailing bytes.
/// </summary>
internal static class SafeTensorsHeaderParser
{
    public static SafeTensorsHeader Parse(byte[] json, long dataStart, long dataLength, string path)
    {
        if (json.Length == 0 || json[0] != (byte)'{')
            throw SafeTensorsLimits.Corrupt(path, "the header does not start with '{', so it is not a JSON object");
        // JsonDocument only transcodes strings when asked, so bad UTF-8 inside a name would surface later as an
        // InvalidOperationException; checking the whole header first keeps every failure an InvalidDataException.
        if (!Utf8.IsValid(json))
            throw SafeTensorsLimits.Corrupt(path, "the header is not valid UTF-8");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw SafeTensorsLimits.Corrupt(path, $"the header is not valid JSON ({exception.Message})");
        }

        var entries = new List<SafeTensorsEntry>();
        IReadOnlyDictionary<string, string> metadata = new Dictionary<string, string>();
        using (document)
        {
            // JSON readers disagree on which of two equal keys wins, so a file that has both is ambiguous.
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                    throw SafeTensorsLimits.Corrupt(path, $"the name \"{property.Name}\" appears twice in the header");
                if (property.Name == SafeTensorsLimits.MetadataKey)
                    metadata = ParseMetadata(property.Value, path);
                else
                    entries.Add(ParseEntry(property.Name, property.Value, path));
            }
        }

        var ordered = entries.OrderBy(entry => entry.Begin).ThenBy(entry => entry.End).ToList();
        CheckTiling(ordered, dataLength, path);
        return new SafeTensorsHeader(ordered, metadata, dataStart);
    }

    private static Dictionary<string, string> ParseMetadata(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw SafeTensorsLimits.Corrupt(path, $"{SafeTensorsLimits.MetadataKey} is not an object of strings");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
                throw SafeTensorsLimits.Corrupt(path, $"metadata \"{property.Name}\" is a {property.Value.ValueKind}, not a string");
            if (!metadata.TryAdd(property.Name, property.Value.GetString()!))
                throw SafeTensorsLimits.Corrupt(path, $"metadata \"{property.Name}\" appears twice");
        }
        return metadata;
    }

    private static SafeTensorsEntry ParseEntry(string name, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw SafeTensorsLimits.Corrupt(path, $"tensor \"{name}\" is described by a {element.ValueKind}, not an object");

        if (!element.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw SafeTensorsLimits.Corrupt(path, $"tensor \"{name}\" has no dtype string");
        var dtypeName = dtypeElement.GetString()!;
        var dtype = SafeTensorsDTypes.ParseHeaderName(dtypeName);
        var elementSize = dtype?.Format().ByteSize() ?? MaskBuffers.ElementSize(name, dtypeName)
            ?? throw SafeTensorsLimits.Corrupt(path, $"tensor \"{name}\" has dtype \"{dtypeName}\"; only F32, F16 and BF16 are supported");

        var shape = ReadIntegers(element, "shape", name, path);
        var offsets = ReadIntegers(element, "data_offsets", name, path);
        if (offsets.Length != 2)
            throw SafeTensorsLimits.Corrupt(path, $"tensor \"{name}\" has {offsets.Length} data_offsets instead of 2");
        var (begin, end) = (offsets[0], offsets[1]);
        if (end < begin)
            throw SafeTensorsLimits.Corrupt(path, $"tensor \"{name}\" ends (byte {end}) before it begins (byte {begin})");

        long elementCount = 1, byteCount;
        try
        {
            foreach (var dimension in shape)
                elementCount = checked(elementCount * dimension);
            byteCount = checked(elementCount * elementSize);
        }
        catch (OverflowException)
        {
            throw SafeTensorsLimits.Corrupt(path, $"tensor \"{name}\" has shape [{string.Join(", ", shape)}], too large to address");
        }
        if (byteCount != end - begin)
            throw SafeTensorsLimits.Corrupt(path, $"tensor \"{name}\" has shape [{string.Join(", ", shape)}] of {dtypeName}, which needs {byteCount} bytes, but its data_offsets [{begin}, {end}] span {end - begin}");
        if (elementCount > Array.MaxLength)
            throw SafeTensorsLimits.Corrupt(path, $"tensor \"{name}\" has {elementCount} values, more than one array can hold");

        return new SafeTensorsEntry(name, dtype, shape, elementCount, begin, end);
    }

    private static long[] ReadIntegers(JsonElement element, string key, string name, string path)
    {
        if (!element.TryGetProperty(key, out var array) || array.ValueKind != JsonValueKind.Array)
            throw SafeTensorsLimits.Corrupt(path, $"tensor \"{name}\" has no {key} array");
        var values = new long[array.GetArrayLength()];
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var value) || value < 0)
                throw SafeTensorsLimits.Corrupt(path, $"tensor \"{name}\" has {key} entry {item} that is not a non-negative integer");
            values[index++] = value;
        }
        return values;
    }

    /// <summary>
    /// Like the reference implementation, the tensors must cover the data section exactly, back to back: a gap or an
    /// overlap means the header and the data disagree, and bytes after the last tensor mean the file is not what its
    /// header says.
    /// </summary>
    private static void CheckTiling(IReadOnlyList<SafeTensorsEntry> ordered, long dataLength, string path)
    {
        long expected = 0;
        foreach (var entry in ordered)
        {
            if (entry.End > dataLength)
                throw SafeTensorsLimits.Corrupt(path, $"tensor \"{entry.Name}\" ends at byte {entry.End}, outside the data section of {dataLength} bytes (is the file truncated?)");
            if (entry.Begin < expected)
                throw SafeTensorsLimits.Corrupt(path, $"tensor \"{entry.Name}\" starts at byte {entry.Begin}, overlapping the tensor before it, which ends at byte {expected}");
            if (entry.Begin > expected)
                throw SafeTensorsLimits.Corrupt(path, $"tensor \"{entry.Name}\" starts at byte {entry.Begin}, leaving a gap after byte {expected}");
            expected = entry.End;
        }
        if (expected != dataLength)
            throw SafeTensorsLimits.Corrupt(path, $"{dataLength - expected} trailing bytes follow the last tensor");
    }
}
