using Portal.Core.Import;
using static Portal.Core.Tests.Support.Import;

namespace Portal.Core.Tests.Import;

public class JsonLinesImportTests
{
    [Fact]
    public void ImportReadsOneVersePerLineIgnoringBlankLines()
    {
        var result = Parse(
            "{\"prompt\": \"Upbeat pop\", \"lyrics\": \"one\\ntwo\", \"tags\": [\"Pop\"]}\r\n" +
            "\r\n" +
            "   \n" +
            "{\"prompt\": \"Slow ballad\", \"lyrics\": \"three\", \"notes\": \"demo\"}\n").Accepted();

        Assert.Equal(VerseFormat.Jsonl, result.Format);
        Assert.Equal([1, 2], result.Items.Select(item => item.Number));
        Assert.Equal([1, 4], result.Items.Select(item => item.Line));
        Assert.Equal("one\ntwo", result.Items[0].Verse!.Lyrics);
        Assert.Equal(["pop"], result.Items[0].Verse!.Tags);
        Assert.Equal("demo", result.Items[1].Verse!.Notes);
    }

    [Fact]
    public void ImportReportsABrokenLineAsItsOwnVerse()
    {
        var result = Parse(
            "{\"prompt\": \"Upbeat pop\", \"lyrics\": \"one\"}\n" +
            "{\"prompt\": \"Broken\", \"lyrics\": \"two\"\n" +
            "{\"prompt\": \"Slow ballad\", \"lyrics\": \"three\"}\n").Accepted();

        Assert.Equal([1, 3], result.ValidItems.Select(item => item.Number));
        var broken = Assert.Single(result.InvalidItems);
        Assert.StartsWith("Line 2 is not valid JSON", Assert.Single(broken.Errors));
    }

    [Fact]
    public void ImportReportsALineThatIsNotAnObject()
    {
        var result = Parse("{\"prompt\": \"p\", \"lyrics\": \"l\"}\n[1, 2]\n").Accepted();

        Assert.Equal("This entry is a list, not a verse like {\"prompt\": \"...\", \"lyrics\": \"...\"}.", Assert.Single(result.Items[1].Errors));
    }

    [Fact]
    public void ImportRejectsPlainTextMixedIntoJsonLines()
    {
        var error = Parse(
            "{\"prompt\": \"Upbeat pop\", \"lyrics\": \"one\"}\n" +
            "{\"prompt\": \"Slow ballad\", \"lyrics\": \"two\"}\n" +
            "\n" +
            "# Lo-fi about rain\n" +
            "drops on the glass\n").SingleFileError();

        Assert.StartsWith("Line 4 starts with \"#\" like a plain-text verse, but the file began as JSON lines.", error);
    }

    [Fact]
    public void ImportRejectsAStrayWordInJsonLines() =>
        Assert.StartsWith("Line 2 is not a JSON object", Parse("{\"prompt\": \"p\", \"lyrics\": \"l\"}\noops\n").SingleFileError());

    [Fact]
    public void ImportRejectsAPrettyPrintedSequenceOfObjects()
    {
        var result = Parse("{\n  \"prompt\": \"p\",\n  \"lyrics\": \"l\"\n}\n{\n  \"prompt\": \"q\",\n  \"lyrics\": \"m\"\n}\n");

        Assert.Equal(VerseFormat.Jsonl, result.Format);
        Assert.StartsWith("Line 2 is not a JSON object", result.SingleFileError());
    }
}
