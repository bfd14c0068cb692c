using System.Text.Json;
using static Portal.Core.Import.ImportMessages;

namespace Portal.Core.Import;

/// <summary>Reads one verse object from JSON or JSONL. Unknown fields are ignored so that richer exports still import.</summary>
internal static class JsonVerseReader
{
    public static ImportItem Read(JsonElement element, int number, int? line, ImportLimits limits)
    {
        var raw = new RawVerse();
        if (element.ValueKind is not JsonValueKind.Object)
        {
            raw.Errors.Add($"This entry is {Describe(element.ValueKind)}, not a verse like {VerseShape}.");
            return new ImportItem(number, null, raw.Errors) { Line = line };
        }

        var seen = new HashSet<VerseField>();
        foreach (var property in element.EnumerateObject())
        {
            var field = VerseField.Find(property.Name);
            if (field is null)
            {
                continue;
            }
            if (!seen.Add(field))
            {
                raw.AddError(field, $"\"{field.Name}\" appears more than once in this verse; keep one.");
                continue;
            }

            if (field == VerseField.Tags)
            {
                ReadTags(property.Value, raw);
                continue;
            }
            if (!TryReadText(field, property.Value, raw, out var text))
            {
                continue;
            }
            if (field == VerseField.Prompt)
            {
                raw.Prompt = text;
            }
            else if (field == VerseField.Lyrics)
            {
                raw.Lyrics = text;
            }
            else
            {
                raw.Notes = text;
            }
        }

        return ImportItemValidator.Validate(number, line, raw, limits);
    }

    private static bool TryReadText(VerseField field, JsonElement value, RawVerse raw, out string? text)
    {
        text = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return TryGetString(field, value, raw, out text);
            case JsonValueKind.Null:
                // null says "no value", the same as leaving the field out.
                return true;
            case JsonValueKind.Array when field == VerseField.Lyrics:
                raw.AddError(field, "\"lyrics\" must be text with one bar per line, but it is a list.");
                return false;
            default:
                raw.AddError(field, $"\"{field.Name}\" must be text, but it is {Describe(value.ValueKind)}.");
                return false;
        }
    }

    private static void ReadTags(JsonElement value, RawVerse raw)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return;
            case JsonValueKind.String:
                if (TryGetString(VerseField.Tags, value, raw, out var commaSeparated))
                {
                    raw.Tags.Add(commaSeparated!);
                }
                return;
            case JsonValueKind.Array:
                var position = 0;
                foreach (var tag in value.EnumerateArray())
                {
                    position++;
                    if (tag.ValueKind is not JsonValueKind.String)
                    {
                        raw.AddError(VerseField.Tags, Invariant($"\"tags\" must hold only text, but tag {position} is {Describe(tag.ValueKind)}."));
                        return;
                    }
                    if (TryGetString(VerseField.Tags, tag, raw, out var text))
                    {
                        raw.Tags.Add(text!);
                    }
                }
                return;
            default:
                raw.AddError(VerseField.Tags, $"\"tags\" must be a list of text or one comma-separated text, but it is {Describe(value.ValueKind)}.");
                return;
        }
    }

    private static bool TryGetString(VerseField field, JsonElement value, RawVerse raw, out string? text)
    {
        try
        {
            text = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            // A \uD800-style escape that is half of a character: valid JSON syntax, but not text.
            raw.AddError(field, $"\"{field.Name}\" contains a broken \\u escape (half of a character); re-export the file.");
            text = null;
            return false;
        }
    }
}
