using System.Text.Json;
using static Portal.Core.Import.ImportMessages;

namespace Portal.Core.Import;

/// <summary>
/// The notebook format: a JSON array of verses, the same array wrapped as {"metadata": ..., "verses": [...]}, or a
/// single verse object. Any syntax error rejects the file: after one, JSON offers no safe place to resume.
/// </summary>
internal static class JsonFileParser
{
    public static ImportParseResult Parse(ReadOnlySpan<byte> json, ImportLimits limits)
    {
        var scan = JsonScanner.ScanFile(json, limits);
        if (FileError(scan, limits) is { } error)
        {
            return ImportParseResult.Rejected(VerseFormat.Json, error);
        }

        var reader = new Utf8JsonReader(json, JsonScanner.ReaderOptions(limits));
        reader.Read();
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;

        if (root.ValueKind is JsonValueKind.Array)
        {
            return ReadVerses(root, scan.ItemLines, limits);
        }
        if (FindProperty(root, "verses") is { } verses)
        {
            return verses.ValueKind is JsonValueKind.Array
                ? ReadVerses(verses, scan.ItemLines, limits)
                : ImportParseResult.Rejected(VerseFormat.Json, $"\"verses\" must be a list of verses, but it is {Describe(verses.ValueKind)}.");
        }
        if (FindProperty(root, "prompt") is not null || FindProperty(root, "lyrics") is not null)
        {
            return ImportParseResult.Parsed(VerseFormat.Json, [JsonVerseReader.Read(root, 1, 1, limits)]);
        }
        return ImportParseResult.Rejected(VerseFormat.Json,
            $"The JSON has no list of verses. Expected [{VerseShape}, ...] or {{\"verses\": [...]}}.");
    }

    private static string? FileError(JsonScanResult scan, ImportLimits limits) => scan.Problem switch
    {
        JsonScanProblem.None => null,
        JsonScanProblem.TooDeep => TooDeep(limits.MaxDepth, scan.Line),
        JsonScanProblem.TooManyItems => TooManyVerses(limits.MaxItems),
        JsonScanProblem.NotAList => $"The file holds a single {scan.Detail} value, not a list of verses like [{VerseShape}, ...].",
        JsonScanProblem.TrailingContent => Invariant(
            $"The JSON is complete, but more text follows it on line {scan.Line}. A file must be one JSON list, or JSON lines with one verse per line; formats cannot be mixed."),
        _ => Invariant(
            $"The file is not valid JSON: line {scan.Line}, column {scan.Column}: {scan.Detail} Look for a missing comma, quote or bracket there."),
    };

    private static ImportParseResult ReadVerses(JsonElement array, IReadOnlyList<int> itemLines, ImportLimits limits)
    {
        var items = new List<ImportItem>();
        foreach (var element in array.EnumerateArray())
        {
            var number = items.Count + 1;
            int? line = number <= itemLines.Count ? itemLines[number - 1] : null;
            items.Add(JsonVerseReader.Read(element, number, line, limits));
        }
        return items.Count == 0
            ? ImportParseResult.Rejected(VerseFormat.Json, "The file's list of verses is empty.")
            : ImportParseResult.Parsed(VerseFormat.Json, items);
    }

    private static JsonElement? FindProperty(JsonElement element, string name)
    {
        if (element.ValueKind is not JsonValueKind.Object)
        {
            return null;
        }
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        return null;
    }
}
