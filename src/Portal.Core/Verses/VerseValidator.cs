using Portal.Core.Import;

namespace Portal.Core.Verses;

/// <summary>
/// The hard rules a verse must meet to be stored at all (lint, by contrast, only advises). The dialog and the REST
/// API use the very rules an imported item meets, so that every door into the library has the same lock.
/// </summary>
public static class VerseValidator
{
    public static IReadOnlyList<string> Validate(VerseText verse, ImportLimits limits)
    {
        ArgumentNullException.ThrowIfNull(verse);
        var raw = new RawVerse { Prompt = verse.Prompt, Lyrics = verse.Lyrics, Notes = verse.Notes };
        raw.Tags.AddRange(verse.Tags);
        return ImportItemValidator.Validate(number: 1, line: null, raw, limits).Errors;
    }
}
