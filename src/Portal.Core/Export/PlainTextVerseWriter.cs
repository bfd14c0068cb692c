using System.Text;
using Portal.Core.Import;
using Portal.Core.Verses;
using static Portal.Core.Import.PlainTextSyntax;

namespace Portal.Core.Export;

/// <summary>Writes the plain-text format described on <see cref="PlainTextSyntax"/>, escaping as it describes.</summary>
internal static class PlainTextVerseWriter
{
    public static void Write(Stream output, IEnumerable<VerseText> verses)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true)
        {
            NewLine = "\n",
        };

        var first = true;
        foreach (var verse in verses)
        {
            ArgumentNullException.ThrowIfNull(verse);
            if (!first)
            {
                writer.WriteLine();
            }
            first = false;

            // Cleaned, because the format itself is made of lines: a stray CR or a leading blank line would change
            // where a verse starts on the way back in.
            foreach (var line in Lines(verse.Prompt))
            {
                writer.WriteLine(PromptLine(line));
            }
            if (verse.Tags is { Count: > 0 } tags)
            {
                writer.WriteLine(FieldLine(TagsField, string.Join(", ", tags)));
            }
            if (!string.IsNullOrEmpty(verse.Notes))
            {
                foreach (var line in Lines(verse.Notes))
                {
                    writer.WriteLine(FieldLine(NotesField, line));
                }
            }
            foreach (var line in Lines(verse.Lyrics))
            {
                writer.WriteLine(EscapeLyricLine(line));
            }
        }
    }

    private static string[] Lines(string text) => VerseTextCleaner.Clean(text).Split('\n');
}
