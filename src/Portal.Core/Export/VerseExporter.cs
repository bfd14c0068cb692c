using Portal.Core.Import;
using Portal.Core.Verses;

namespace Portal.Core.Export;

/// <summary>
/// Writes verses in the formats the importer reads, so that an export can be edited by hand and imported back.
/// JSON is the notebook's training_lyrics.json, so an export can also go straight into the old training notebook.
/// </summary>
public static class VerseExporter
{
    public static void Write(Stream output, IEnumerable<VerseText> verses, VerseFormat format)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(verses);

        switch (format)
        {
            case VerseFormat.Json:
                JsonVerseWriter.WriteArray(output, verses);
                break;
            case VerseFormat.Jsonl:
                JsonVerseWriter.WriteLines(output, verses);
                break;
            case VerseFormat.Text:
                PlainTextVerseWriter.Write(output, verses);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown verse format.");
        }
    }

    public static string ContentType(VerseFormat format) => format switch
    {
        VerseFormat.Json => "application/json; charset=utf-8",
        VerseFormat.Jsonl => "application/x-ndjson; charset=utf-8",
        VerseFormat.Text => "text/plain; charset=utf-8",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown verse format."),
    };

    public static string FileName(VerseFormat format) => format switch
    {
        VerseFormat.Json => "training_lyrics.json",
        VerseFormat.Jsonl => "training_lyrics.jsonl",
        VerseFormat.Text => "training_lyrics.txt",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown verse format."),
    };
}
