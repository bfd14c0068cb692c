using System.Globalization;
using System.Text.Json;

namespace Portal.Core.Import;

/// <summary>Wording shared by every import message, so that numbers, sizes and quoted text read the same everywhere.</summary>
internal static class ImportMessages
{
    public const string VerseShape = "{\"prompt\": \"...\", \"lyrics\": \"...\"}";

    public static string Invariant(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);

    /// <summary>Quotes a writer's text so they can find it, but never echoes a megabyte back at them.</summary>
    public static string Quote(string text, int maxChars = 40)
    {
        var firstLine = text.AsSpan();
        var lineBreak = firstLine.IndexOfAny('\r', '\n');
        var cut = lineBreak >= 0 || firstLine.Length > maxChars;
        firstLine = firstLine[..Math.Min(lineBreak >= 0 ? lineBreak : firstLine.Length, maxChars)];
        return cut ? $"\"{firstLine}…\"" : $"\"{firstLine}\"";
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => Invariant($"{bytes} bytes"),
        < 1024 * 1024 => Invariant($"{bytes / 1024.0:0.#} KB"),
        _ => Invariant($"{bytes / (1024.0 * 1024.0):0.#} MB"),
    };

    public static string TooLarge(long maxBytes) =>
        $"The file is larger than the {Size(maxBytes)} limit. Split it into smaller files and import them one by one.";

    public static string TooManyVerses(int maxItems) =>
        Invariant($"The file has more than {maxItems:N0} verses, the most one import takes. Split it into smaller files.");

    public static string TooDeep(int maxDepth, long line) =>
        Invariant($"The JSON nests more than {maxDepth} levels deep (line {line}). A verse file needs at most 4, so this file is damaged or not a verse file.");

    public static string CodePoint(char c) => Invariant($"U+{(int)c:X4}");

    /// <summary>What a JSON value is, in words a writer knows.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "a group of fields",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Null => "null",
        _ => "empty",
    };

    /// <summary>The reader's own explanation, without the position suffix it appends (we say line and column ourselves).</summary>
    public static string Reason(JsonException exception)
    {
        var message = exception.Message;
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (suffix >= 0 ? message[..suffix] : message).Trim();
    }
}
