using System.Text.Json;

namespace Portal.Core.Import;

internal enum JsonScanProblem { None, Syntax, TrailingContent, TooDeep, TooManyItems, NotAList }

/// <summary>The outcome of a scan; <see cref="Line"/> and <see cref="Column"/> are 1-based and locate the problem.</summary>
internal sealed record JsonScanResult(JsonScanProblem Problem, string Detail, long Line, long Column, IReadOnlyList<int> ItemLines)
{
    public static readonly JsonScanResult Fine = new(JsonScanProblem.None, "", 0, 0, []);
}

/// <summary>
/// A first pass over JSON that allocates nothing per value: it proves the syntax, enforces the depth limit with our own
/// message, and counts verses, stopping at the first one over the limit. Only a file that passes is handed to
/// <see cref="JsonDocument"/>, so no document is ever built for a hostile file.
/// </summary>
internal static class JsonScanner
{
    public static JsonReaderOptions ReaderOptions(ImportLimits limits) => new()
    {
        // One level of headroom, so that our depth check (with a writer-friendly message) fires before the reader's.
        MaxDepth = limits.MaxDepth + 1,
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Checks one JSON value (a JSONL line) for syntax and depth only.</summary>
    public static JsonScanResult ScanValue(ReadOnlySpan<byte> json, ImportLimits limits) => Scan(json, limits, countVerses: false);

    /// <summary>
    /// Checks a whole JSON file and finds its verses: the elements of a top-level array, or of the first "verses"
    /// property of a top-level object. Records the line each verse starts on.
    /// </summary>
    public static JsonScanResult ScanFile(ReadOnlySpan<byte> json, ImportLimits limits) => Scan(json, limits, countVerses: true);

    private static JsonScanResult Scan(ReadOnlySpan<byte> json, ImportLimits limits, bool countVerses)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions(limits));
        var itemLines = new List<int>();
        var lines = new LineTracker();
        var depth = 0;
        var topLevelDone = false;
        var topIsObject = false;
        var nextValueIsVerses = false;
        var versesSeen = false;
        var versesDepth = -1;   // the depth of a verse element while inside the verses array; -1 outside it

        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.PropertyName)
                {
                    if (countVerses && topIsObject && depth == 1 && !versesSeen)
                    {
                        nextValueIsVerses = IsName(ref reader, "verses");
                    }
                    continue;
                }

                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    depth--;
                    if (depth < versesDepth)
                    {
                        versesDepth = -1;
                    }
                    topLevelDone = depth == 0;
                    continue;
                }

                if (countVerses)
                {
                    if (depth == 0)
                    {
                        if (token is not (JsonTokenType.StartArray or JsonTokenType.StartObject))
                        {
                            return new(JsonScanProblem.NotAList, ImportMessages.Describe(KindOf(token)), 1, 1, []);
                        }
                        topIsObject = token is JsonTokenType.StartObject;
                        versesDepth = topIsObject ? -1 : 1;
                    }
                    else if (depth == versesDepth)
                    {
                        if (itemLines.Count == limits.MaxItems)
                        {
                            return new(JsonScanProblem.TooManyItems, "", lines.LineAt(json, reader.TokenStartIndex), 1, []);
                        }
                        itemLines.Add(lines.LineAt(json, reader.TokenStartIndex));
                    }
                    else if (nextValueIsVerses)
                    {
                        versesSeen = true;
                        nextValueIsVerses = false;
                        versesDepth = token is JsonTokenType.StartArray ? 2 : -1;
                    }
                }

                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray && ++depth > limits.MaxDepth)
                {
                    return new(JsonScanProblem.TooDeep, "", lines.LineAt(json, reader.TokenStartIndex), 1, []);
                }
            }
        }
        catch (JsonException exception)
        {
            var problem = topLevelDone ? JsonScanProblem.TrailingContent : JsonScanProblem.Syntax;
            var line = (exception.LineNumber ?? 0) + 1;
            var column = (exception.BytePositionInLine ?? 0) + 1;
            return new(problem, ImportMessages.Reason(exception), line, column, []);
        }
        return new(JsonScanProblem.None, "", 0, 0, itemLines);
    }

    private static bool IsName(ref Utf8JsonReader reader, string name) =>
        // Compare cheaply and never materialise a hostile multi-megabyte property name.
        reader.ValueSpan.Length <= name.Length * 6
        && string.Equals(reader.GetString(), name, StringComparison.OrdinalIgnoreCase);

    private static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };

    /// <summary>Counts line breaks incrementally; token positions only grow, so the whole scan stays linear.</summary>
    private sealed class LineTracker
    {
        private long _position;
        private int _line = 1;

        public int LineAt(ReadOnlySpan<byte> json, long position)
        {
            _line += json[(int)_position..(int)position].Count((byte)'\n');
            _position = position;
            return _line;
        }
    }
}
