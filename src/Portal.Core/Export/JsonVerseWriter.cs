using System.Text.Encodings.Web;
using System.Text.Json;
using Portal.Core.Verses;

namespace Portal.Core.Export;

/// <summary>Writes verses as the notebook's JSON array or as JSON lines: UTF-8 without a BOM, LF line endings.</summary>
internal static class JsonVerseWriter
{
    // The files are read by people and by Python, never embedded in HTML, so accented letters, other scripts and
    // punctuation stay readable instead of becoming \u escapes. (The BCL encoders still escape characters outside the
    // Basic Multilingual Plane, such as emoji; every JSON reader decodes those.)
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static ReadOnlySpan<byte> NewLine => "\n"u8;

    public static void WriteArray(Stream output, IEnumerable<VerseText> verses)
    {
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = Encoder }))
        {
            writer.WriteStartArray();
            foreach (var verse in verses)
            {
                WriteVerse(writer, verse);
            }
            writer.WriteEndArray();
        }
        output.Write(NewLine);
    }

    public static void WriteLines(Stream output, IEnumerable<VerseText> verses)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = Encoder });
        foreach (var verse in verses)
        {
            WriteVerse(writer, verse);
            writer.Flush();
            output.Write(NewLine);
            writer.Reset(output);
        }
    }

    private static void WriteVerse(Utf8JsonWriter writer, VerseText verse)
    {
        ArgumentNullException.ThrowIfNull(verse);

        writer.WriteStartObject();
        writer.WriteString("prompt", verse.Prompt);
        writer.WriteString("lyrics", verse.Lyrics);
        if (verse.Tags is { Count: > 0 } tags)
        {
            writer.WriteStartArray("tags");
            foreach (var tag in tags)
            {
                writer.WriteStringValue(tag);
            }
            writer.WriteEndArray();
        }
        if (!string.IsNullOrEmpty(verse.Notes))
        {
            writer.WriteString("notes", verse.Notes);
        }
        writer.WriteEndObject();
    }
}
