using Portal.Core.Import;
using static Portal.Core.Tests.Support.Import;

namespace Portal.Core.Tests.Import;

public class PlainTextImportTests
{
    [Fact]
    public void ImportReadsPromptLinesAndTheLyricsBelowThem()
    {
        var result = Parse("""
            # Upbeat pop about summer
            Sun on the water
            We don't need a plan

            #Slow piano ballad
            Rain on the window
            """).Accepted();

        Assert.Equal(VerseFormat.Text, result.Format);
        Assert.Equal(2, result.ValidItems.Count());
        Assert.Equal("Upbeat pop about summer", result.Items[0].Verse!.Prompt);
        Assert.Equal("Sun on the water\nWe don't need a plan", result.Items[0].Verse!.Lyrics);
        Assert.Equal("Slow piano ballad", result.Items[1].Verse!.Prompt);
        Assert.Equal([1, 5], result.Items.Select(item => item.Line));
    }

    [Fact]
    public void ImportKeepsBlankLinesInsideLyricsButNotAroundThem()
    {
        var verse = Parse("\n\n# Two stanzas\n\nfirst stanza\n\n\nsecond stanza\n\n\n# Next one\nx\n").Accepted().Items[0].Verse!;

        Assert.Equal("first stanza\n\n\nsecond stanza", verse.Lyrics);
    }

    [Fact]
    public void ImportReadsTagsAndNotesFieldsUnderThePrompt()
    {
        var verse = Parse("""
            # Slow piano ballad
            ## tags: Night, Ballad
            ## notes: Written on tour
            ## notes:
            ## notes:   second line, indented
            Rain on the window
            """).Accepted().Items[0].Verse!;

        Assert.Equal(["night", "ballad"], verse.Tags);
        Assert.Equal("Written on tour\n\n  second line, indented", verse.Notes);
        Assert.Equal("Rain on the window", verse.Lyrics);
    }

    [Fact]
    public void ImportReadsAPromptSpreadOverSeveralLines()
    {
        var verse = Parse("# Slow piano ballad\n# about leaving home\n#\n#   in the style of the 70s\nRain\n").Accepted().Items[0].Verse!;

        Assert.Equal("Slow piano ballad\nabout leaving home\n\n  in the style of the 70s", verse.Prompt);
    }

    [Fact]
    public void ImportRemovesOneBackslashFromEscapedLyricLines()
    {
        var verse = Parse("# Hashtags\n\\#blessed and \\#free\n\\{not json}\n\\\\#still a lyric\n\\o/ arms up\n  # indented hash\n").Accepted().Items[0].Verse!;

        Assert.Equal("#blessed and \\#free\n{not json}\n\\#still a lyric\n\\o/ arms up\n  # indented hash", verse.Lyrics);
    }

    [Fact]
    public void ImportReportsAnUnescapedHashLineInsideLyrics()
    {
        var result = Parse("# Hashtags\nfirst bar\n#blessed\nlast bar\n\n# Next\nfine\n").Accepted();

        var error = Assert.Single(result.Items[0].Errors);
        Assert.Equal("Line 3 starts with \"#\" inside the lyrics. If it is a lyric, write \"\\#\" at its start instead; if it starts a new verse, leave a blank line above it.", error);
        Assert.Equal(2, result.Items.Count);
        Assert.NotNull(result.Items[1].Verse);
    }

    [Fact]
    public void ImportReportsAFieldLineInsideLyrics()
    {
        var item = Parse("# Prompt here\nfirst bar\n## tags: late\n").Accepted().Items[0];

        Assert.StartsWith("Line 3 starts with \"##\" inside the lyrics.", Assert.Single(item.Errors));
    }

    [Fact]
    public void ImportReportsLyricsWithoutAPromptAbove()
    {
        var result = Parse("orphan bar\nanother\n\n# Real prompt\nreal bar\n").Accepted();

        Assert.Equal(["The lyrics on line 1 have no \"# prompt\" line above them; add one that describes the style or theme."], result.Items[0].Errors);
        Assert.NotNull(result.Items[1].Verse);
    }

    [Fact]
    public void ImportReportsAPromptWithoutLyrics()
    {
        var result = Parse("# Lonely prompt\n\n# Next prompt\nbar\n").Accepted();

        Assert.Equal(["The lyrics are missing."], result.Items[0].Errors);
        Assert.NotNull(result.Items[1].Verse);
    }

    [Fact]
    public void ImportReportsAnUnknownFieldLine()
    {
        var item = Parse("# Prompt\n## mood: sad\nbar\n").Accepted().Items[0];

        Assert.StartsWith("Line 2: \"## mood: sad\" is not a known field", Assert.Single(item.Errors));
    }

    [Fact]
    public void ImportRejectsTextWithoutAnyPrompt() =>
        Assert.StartsWith("No verses found.", Parse("just some lyrics\n\nmore lyrics\n").SingleFileError());

    [Fact]
    public void ImportRejectsJsonVersesMixedIntoText()
    {
        var error = Parse("# Upbeat pop\nsun\n\n{\"prompt\": \"Slow\", \"lyrics\": \"rain\"}\n").SingleFileError();

        Assert.StartsWith("Line 4 is a JSON verse, but the file is plain text.", error);
    }

    [Fact]
    public void ImportKeepsBracesThatAreLyrics()
    {
        var verse = Parse("# Braces\n{whispered}\n{\"not\": \"a verse\"}\n").Accepted().Items[0].Verse!;

        Assert.Equal("{whispered}\n{\"not\": \"a verse\"}", verse.Lyrics);
    }

    [Fact]
    public void ImportReadsCrLfAndCrLineEndings()
    {
        var result = Parse("# One\r\nbar one\r\nbar two\r\n\r\n# Two\rbar three\r").Accepted();

        Assert.Equal(["bar one\nbar two", "bar three"], result.Items.Select(item => item.Verse!.Lyrics));
    }
}
