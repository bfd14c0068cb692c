using Portal.Core.Import;

namespace Portal.Core.Verses;

/// <summary>
/// The hard rules a verse must meet to be stored at all (lint, by contrast, only advises). Shared by the dialog,
/// the REST API and import, so that every door into the library has the same lock.
/// </summary>
public static class VerseValidator
{
    public static IReadOnlyList<string> Validate(VerseText verse, ImportLimits limits)
    {
        var errors = new List<string>();
        CheckRequired(errors, "prompt", verse.Prompt, limits.MaxPromptChars);
        CheckRequired(errors, "lyrics", verse.Lyrics, limits.MaxLyricsChars);
        if (verse.Notes is { } notes)
        {
            if (notes.Length > limits.MaxNotesChars)
                errors.Add($"The notes are {notes.Length:N0} characters long; the limit is {limits.MaxNotesChars:N0}.");
            CheckControlCharacters(errors, "notes", notes);
        }
        if (verse.Tags.Count > VerseTags.MaxTags)
            errors.Add($"A verse has at most {VerseTags.MaxTags} tags; this one has {verse.Tags.Count}.");
        foreach (var tag in verse.Tags.Where(t => t.Length > VerseTags.MaxTagLength))
            errors.Add($"The tag \"{tag[..20]}…\" is longer than {VerseTags.MaxTagLength} characters.");
        return errors;
    }

    private static void CheckRequired(List<string> errors, string field, string? value, int maxChars)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"The {field} is empty.");
            return;
        }
        if (value.Length > maxChars)
            errors.Add($"The {field} is {value.Length:N0} characters long; the limit is {maxChars:N0}.");
        CheckControlCharacters(errors, field, value);
    }

    private static void CheckControlCharacters(List<string> errors, string field, string value)
    {
        var index = value.AsSpan().IndexOfAny(ControlCharacters);
        if (index < 0)
            return;
        errors.Add($"The {field} contains an invisible control character (U+{(int)value[index]:X4}) at position {index + 1}; remove it.");
    }

    // C0 controls (but line breaks and tabs) and DEL: invisible in the editor, and they poison the tokenizer.
    private static readonly System.Buffers.SearchValues<char> ControlCharacters = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, 32).Where(c => c is not '\n' and not '\r' and not '\t').Select(c => (char)c).Append('\u007f').ToArray());
}
