using System.Text;
using Portal.Core.Export;
using Portal.Core.Import;
using Portal.Core.Verses;

namespace Portal.Core.Tests.Export;

public class VerseExporterTests
{
    private static readonly VerseText Plain = new("Upbeat pop", "one\ntwo", []);
    private static readonly VerseText Tagged = new("Slow \"ballad\"", "rain", ["night", "piano"], "Written on tour");

    [Fact]
    public void JsonIsTheNotebookArrayIndentedWithoutBomOrNeedlessEscapes()
    {
        var bytes = Export([Plain, Tagged with { Lyrics = "café, 日本語 & <tags> 😀" }], VerseFormat.Json);

        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal(
            """
            [
              {
                "prompt": "Upbeat pop",
                "lyrics": "one\ntwo"
              },
              {
                "prompt": "Slow \"ballad\"",
                "lyrics": "café, 日本語 & <tags> \uD83D\uDE00",
                "tags": [
                  "night",
                  "piano"
                ],
                "notes": "Written on tour"
              }
            ]

            """,
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void JsonOfNoVersesIsAnEmptyArray() =>
        Assert.Equal("[]\n", Encoding.UTF8.GetString(Export([], VerseFormat.Json)));

    [Fact]
    public void JsonLinesWritesOneCompactObjectPerLine()
    {
        var text = Encoding.UTF8.GetString(Export([Plain, Tagged], VerseFormat.Jsonl));

        Assert.Equal(
            "{\"prompt\":\"Upbeat pop\",\"lyrics\":\"one\\ntwo\"}\n" +
            "{\"prompt\":\"Slow \\\"ballad\\\"\",\"lyrics\":\"rain\",\"tags\":[\"night\",\"piano\"],\"notes\":\"Written on tour\"}\n",
            text);
    }

    [Fact]
    public void TextWritesPromptFieldsAndEscapedLyricsSeparatedByBlankLines()
    {
        var verses = new[]
        {
            new VerseText("Hashtags", "#blessed\n{braces}\n\\#literal\n\\o/\n\nafter a break", ["tag one"], "line one\nline two"),
            Plain,
        };

        Assert.Equal(
            """
            # Hashtags
            ## tags: tag one
            ## notes: line one
            ## notes: line two
            \#blessed
            \{braces}
            \\#literal
            \o/

            after a break

            # Upbeat pop
            one
            two

            """,
            Encoding.UTF8.GetString(Export(verses, VerseFormat.Text)));
    }

    [Fact]
    public void ExportLeavesTheStreamOpen()
    {
        foreach (var format in Enum.GetValues<VerseFormat>())
        {
            using var stream = new MemoryStream();
            VerseExporter.Write(stream, [Plain], format);

            Assert.True(stream.CanWrite);
        }
    }

    [Theory]
    [InlineData(VerseFormat.Json, "training_lyrics.json", "application/json; charset=utf-8")]
    [InlineData(VerseFormat.Jsonl, "training_lyrics.jsonl", "application/x-ndjson; charset=utf-8")]
    [InlineData(VerseFormat.Text, "training_lyrics.txt", "text/plain; charset=utf-8")]
    public void ExportNamesEachFormatsFileAndContentType(VerseFormat format, string fileName, string contentType)
    {
        Assert.Equal(fileName, VerseExporter.FileName(format));
        Assert.Equal(contentType, VerseExporter.ContentType(format));
    }

    private static byte[] Export(IEnumerable<VerseText> verses, VerseFormat format)
    {
        using var stream = new MemoryStream();
        VerseExporter.Write(stream, verses, format);
        return stream.ToArray();
    }
}
