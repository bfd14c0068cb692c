using System.Text.Json;
using static Portal.Core.Import.ImportMessages;

namespace Portal.Core.Import;

/// <summary>
/// JSON lines: one verse object per line, blank lines ignored. A broken line only spoils its own verse, but a line
/// that is not JSON at all means the file mixes formats, and the whole file is refused rather than half-read.
/// </summary>
internal static class JsonLinesParser
{
    public static ImportParseResult Parse(ReadOnlySpan<byte> content, ImportLimits limits)
    {
        var items = new List<ImportItem>();
        var lineNumber = 0;
        var rest = content;
        while (!rest.IsEmpty)
        {
            lineNumber++;
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];

            var start = line.IndexOfAnyExcept(" \t\r"u8);
            if (start < 0)
            {
                continue;
            }
            if (items.Count == limits.MaxItems)
            {
                return ImportParseResult.Rejected(VerseFormat.Jsonl, TooManyVerses(limits.MaxItems));
            }
            if (line[start] is not ((byte)'{' or (byte)'['))
            {
                return ImportParseResult.Rejected(VerseFormat.Jsonl, NotJsonLine(lineNumber, line[start]));
            }

            var number = items.Count + 1;
            var scan = JsonScanner.ScanValue(line, limits);
            switch (scan.Problem)
            {
                case JsonScanProblem.None:
                    items.Add(ReadLine(line, number, lineNumber, limits));
                    break;
                case JsonScanProblem.TooDeep:
                    return ImportParseResult.Rejected(VerseFormat.Jsonl, TooDeep(limits.MaxDepth, lineNumber));
                default:
                    items.Add(new ImportItem(number, null, [Invariant(
                        $"Line {lineNumber} is not valid JSON (column {scan.Column}): {scan.Detail} Each line must be one complete {VerseShape} object.")])
                    { Line = lineNumber });
                    break;
            }
        }

        return items.Count == 0
            ? ImportParseResult.Rejected(VerseFormat.Jsonl, "The file has no verses.")
            : ImportParseResult.Parsed(VerseFormat.Jsonl, items);
    }

    private static ImportItem ReadLine(ReadOnlySpan<byte> line, int number, int lineNumber, ImportLimits limits)
    {
        var reader = new Utf8JsonReader(line, JsonScanner.ReaderOptions(limits));
        reader.Read();
        using var document = JsonDocument.ParseValue(ref reader);
        return JsonVerseReader.Read(document.RootElement, number, lineNumber, limits);
    }

    private static string NotJsonLine(int lineNumber, byte first) => first == (byte)'#'
        ? Invariant($"Line {lineNumber} starts with \"#\" like a plain-text verse, but the file began as JSON lines. One file must use one format: convert it all to JSON lines or all to text.")
        : Invariant($"Line {lineNumber} is not a JSON object, but the file began as JSON lines, where every non-blank line is one {VerseShape} object. One file must use one format.");
}
