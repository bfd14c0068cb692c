using System.Text.Json;
using Portal.Core.Verses;
using static Portal.Core.Import.ImportMessages;
using static Portal.Core.Import.PlainTextSyntax;

namespace Portal.Core.Import;

/// <summary>Reads the plain-text format described on <see cref="PlainTextSyntax"/>, one line at a time.</summary>
internal static class PlainTextParser
{
    public static ImportParseResult Parse(string text, ImportLimits limits)
    {
        var items = new List<ImportItem>();
        TextBlock? current = null;
        var blankBefore = true;
        var lineNumber = 0;
        var anyPrompt = false;

        foreach (var span in new LineSplitter(text))
        {
            lineNumber++;
            if (span.IsWhiteSpace())
            {
                blankBefore = true;
                current?.AddBlank();
                continue;
            }

            var line = span.ToString();
            var startsNewVerse = line.StartsWith('#') && !line.StartsWith(FieldMarker, StringComparison.Ordinal)
                && (current is null || blankBefore);
            if (startsNewVerse || current is null)
            {
                if (current is not null)
                {
                    items.Add(current.ToItem(limits));
                }
                if (items.Count == limits.MaxItems)
                {
                    return ImportParseResult.Rejected(VerseFormat.Text, TooManyVerses(limits.MaxItems));
                }
                current = new TextBlock(items.Count + 1, lineNumber);
            }

            if (line.StartsWith('#'))
            {
                anyPrompt |= startsNewVerse;
                current.AddMarkedLine(line, lineNumber);
            }
            else if (LooksLikeJsonVerse(line, limits))
            {
                return ImportParseResult.Rejected(VerseFormat.Text, Invariant(
                    $"Line {lineNumber} is a JSON verse, but the file is plain text. One file must use one format: convert it all to text or all to JSON lines."));
            }
            else
            {
                current.AddLyricLine(line, lineNumber);
            }
            blankBefore = false;
        }

        if (current is not null)
        {
            items.Add(current.ToItem(limits));
        }
        if (!anyPrompt)
        {
            return ImportParseResult.Rejected(VerseFormat.Text,
                "No verses found. In a text file each verse starts with a line like \"# upbeat pop about summer\", with its lyrics below it.");
        }
        return ImportParseResult.Parsed(VerseFormat.Text, items);
    }

    // A lyric can legitimately start with "{", so only a whole JSON object with verse fields counts as a mixed format.
    private static bool LooksLikeJsonVerse(string line, ImportLimits limits)
    {
        if (!line.StartsWith('{') || !line.TrimEnd().EndsWith('}'))
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = limits.MaxDepth });
            return document.RootElement.EnumerateObject().Any(property =>
                VerseField.Find(property.Name) is { } field && (field == VerseField.Prompt || field == VerseField.Lyrics));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>One verse being read: its prompt lines, then optional "##" fields, then lyrics.</summary>
    private sealed class TextBlock(int number, int firstLine)
    {
        private readonly RawVerse _raw = new();
        private readonly List<string> _promptLines = [];
        private readonly List<string> _lyricLines = [];
        private List<string>? _notesLines;
        private int _pendingBlanks;

        private bool InLyrics => _lyricLines.Count > 0;

        public void AddBlank()
        {
            // Blank lines count only between lyric lines: leading and trailing ones separate verses.
            if (InLyrics)
            {
                _pendingBlanks++;
            }
        }

        public void AddMarkedLine(string line, int lineNumber)
        {
            var isField = line.StartsWith(FieldMarker, StringComparison.Ordinal);
            if (InLyrics)
            {
                // Keep it as a lyric so that the rest of the verse still reads sensibly in the error report.
                var marker = isField ? FieldMarker : PromptMarker;
                var advice = isField
                    ? "tags and notes go right under the \"# prompt\" line"
                    : "if it starts a new verse, leave a blank line above it";
                _raw.Errors.Add(Invariant(
                    $"Line {lineNumber} starts with \"{marker}\" inside the lyrics. If it is a lyric, write \"\\{marker}\" at its start instead; {advice}."));
                AppendLyric(line);
                return;
            }
            if (isField)
            {
                AddField(line, lineNumber);
                return;
            }
            _promptLines.Add(line.Length > 1 && line[1] == ' ' ? line[2..] : line[1..]);
        }

        public void AddLyricLine(string line, int lineNumber)
        {
            if (_promptLines.Count == 0 && !InLyrics && !_raw.FieldsWithErrors.Contains(VerseField.Prompt))
            {
                _raw.AddError(VerseField.Prompt, Invariant(
                    $"The lyrics on line {lineNumber} have no \"# prompt\" line above them; add one that describes the style or theme."));
            }
            AppendLyric(UnescapeLyricLine(line));
        }

        public ImportItem ToItem(ImportLimits limits)
        {
            _raw.Prompt = _promptLines.Count > 0 ? string.Join('\n', _promptLines) : null;
            _raw.Lyrics = InLyrics ? string.Join('\n', _lyricLines) : null;
            _raw.Notes = _notesLines is null ? null : string.Join('\n', _notesLines);
            return ImportItemValidator.Validate(number, firstLine, _raw, limits);
        }

        private void AppendLyric(string line)
        {
            for (; _pendingBlanks > 0; _pendingBlanks--)
            {
                _lyricLines.Add("");
            }
            _lyricLines.Add(line);
        }

        private void AddField(string line, int lineNumber)
        {
            var body = line.AsSpan(FieldMarker.Length).TrimStart();
            var colon = body.IndexOf(':');
            var name = colon < 0 ? "" : body[..colon].Trim().ToString();
            var value = colon < 0 ? "" : body[(colon + 1)..].ToString();
            value = value.StartsWith(' ') ? value[1..] : value;

            if (_promptLines.Count == 0)
            {
                _raw.Errors.Add(Invariant($"Line {lineNumber}: \"{FieldMarker}\" lines belong right under a \"# prompt\" line."));
            }
            else if (string.Equals(name, TagsField, StringComparison.OrdinalIgnoreCase))
            {
                _raw.Tags.Add(value);
            }
            else if (string.Equals(name, NotesField, StringComparison.OrdinalIgnoreCase))
            {
                (_notesLines ??= []).Add(value);
            }
            else
            {
                _raw.Errors.Add(Invariant(
                    $"Line {lineNumber}: {Quote(line)} is not a known field; use \"## tags: a, b\" or \"## notes: ...\". A lyric starting with \"#\" is written \"\\#\"."));
            }
        }
    }
}
