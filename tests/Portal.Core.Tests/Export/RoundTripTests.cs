using Portal.Core.Export;
using Portal.Core.Import;
using Portal.Core.Verses;

namespace Portal.Core.Tests.Export;

public class RoundTripTests
{
    // Every verse is already in stored form (cleaned, tags normalised), which is what export receives from the database.
    private static readonly VerseText[] Tricky =
    [
        new("Upbeat pop about summer", "Sun on the water\nWe don't need a plan", []),
        new("Slow \"piano\" ballad, 70s", "She said \"stay\" and I said 'no'\nback\\slash and \\n literal\n\ttabbed bar", ["night", "piano"], "Written on tour"),
        new("Français, 日本語, العربية", "Café crème à l'aube\n夜明けの歌\nمرحبا بالعالم\n👨‍👩‍👧 emoji 😀 family", ["unicode", "world"]),
        new("Stanzas with breaks", "first stanza\nstill first\n\n\nsecond stanza", [], "line one\n\n  indented line three"),
        new("Lines that look like markup", "#hashtag bar\n## double hash\n{\"prompt\": \"x\", \"lyrics\": \"y\"}\n\\#already escaped\n\\\\double\n\\o/ arms up\n  # indented hash", ["escapes"]),
        new("A prompt\nover two lines\n\n  and an indented third", "bar", []),
        new("  Leading spaces in the prompt", "  leading spaces in the lyrics\nend", []),
    ];

    [Theory]
    [InlineData(VerseFormat.Json)]
    [InlineData(VerseFormat.Jsonl)]
    [InlineData(VerseFormat.Text)]
    public void ExportThenImportReturnsTheSameVerses(VerseFormat format)
    {
        var result = RoundTrip(Tricky, format, detect: false);

        Assert.Equal(Tricky, result.Items.Select(item => item.Verse));
    }

    [Theory]
    [InlineData(VerseFormat.Json)]
    [InlineData(VerseFormat.Jsonl)]
    [InlineData(VerseFormat.Text)]
    public void ExportedFilesAreDetectedAsTheirOwnFormat(VerseFormat format)
    {
        var result = RoundTrip(Tricky, format, detect: true);

        Assert.Equal(format, result.Format);
        Assert.Equal(Tricky, result.Items.Select(item => item.Verse));
    }

    [Theory]
    [InlineData(VerseFormat.Json)]
    [InlineData(VerseFormat.Jsonl)]
    [InlineData(VerseFormat.Text)]
    public void ASingleVerseRoundTrips(VerseFormat format)
    {
        var result = RoundTrip([Tricky[1]], format, detect: true);

        Assert.Equal(Tricky[1], Assert.Single(result.Items).Verse);
    }

    [Fact]
    public void ContentHashesSurviveTheRoundTrip()
    {
        var result = RoundTrip(Tricky, VerseFormat.Text, detect: true);

        Assert.Equal(
            Tricky.Select(verse => ContentHash.Of(verse.Prompt, verse.Lyrics)),
            result.Items.Select(item => ContentHash.Of(item.Verse!.Prompt, item.Verse.Lyrics)));
    }

    private static ImportParseResult RoundTrip(IEnumerable<VerseText> verses, VerseFormat format, bool detect)
    {
        using var stream = new MemoryStream();
        VerseExporter.Write(stream, verses, format);
        var result = VerseImportParser.Parse(stream.ToArray(), new ImportLimits(), detect ? null : format);
        Assert.False(result.IsFileRejected, string.Join("\n", result.FileErrors));
        Assert.Empty(result.InvalidItems.SelectMany(item => item.Errors));
        return result;
    }
}
