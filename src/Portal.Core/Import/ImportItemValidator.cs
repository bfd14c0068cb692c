using Portal.Core.Verses;
using static Portal.Core.Import.ImportMessages;

namespace Portal.Core.Import;

/// <summary>The rules every imported verse must meet, whatever format it came in.</summary>
internal static class ImportItemValidator
{
    public static ImportItem Validate(int number, int? line, RawVerse raw, ImportLimits limits)
    {
        var errors = raw.Errors;
        var prompt = CheckText(VerseField.Prompt, raw.Prompt, limits.MaxPromptChars, required: true, raw, errors);
        var lyrics = CheckText(VerseField.Lyrics, raw.Lyrics, limits.MaxLyricsChars, required: true, raw, errors);
        var notes = CheckText(VerseField.Notes, raw.Notes, limits.MaxNotesChars, required: false, raw, errors);

        var tags = VerseTags.Normalize(raw.Tags);
        errors.AddRange(VerseTags.Validate(tags));

        var verse = errors.Count == 0
            ? new VerseText(prompt!, lyrics!, tags, string.IsNullOrEmpty(notes) ? null : notes)
            : null;
        return new ImportItem(number, verse, errors) { Line = line };
    }

    private static string? CheckText(VerseField field, string? value, int maxChars, bool required, RawVerse raw, List<string> errors)
    {
        if (raw.FieldsWithErrors.Contains(field))
        {
            return null;
        }
        if (value is null)
        {
            if (required)
            {
                errors.Add($"{field.Subject} {field.Verb} missing.");
            }
            return null;
        }

        var cleaned = VerseTextCleaner.Clean(value);
        if (cleaned.Length == 0)
        {
            if (required)
            {
                errors.Add($"{field.Subject} {field.Verb} empty.");
            }
            return cleaned;
        }
        if (cleaned.Length > maxChars)
        {
            errors.Add(Invariant($"{field.Subject} {field.Verb} {cleaned.Length:N0} characters long; the limit is {maxChars:N0}."));
            return null;
        }

        var control = IndexOfControl(cleaned);
        if (control >= 0)
        {
            var where = cleaned.Contains('\n') ? Invariant($" on line {LineOf(cleaned, control)}") : "";
            errors.Add($"{field.Subject} {field.Contains} a control character ({CodePoint(cleaned[control])}){where}; remove it.");
        }
        return cleaned;
    }

    // Line breaks and tabs are how lyrics are laid out; every other control character is damage from a copy or a
    // conversion, and would be trained into the model as noise.
    private static int IndexOfControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]) && text[i] is not '\n' and not '\t')
            {
                return i;
            }
        }
        return -1;
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;
}
