using Portal.Core.Import;
using static Portal.Core.Tests.Support.Import;

namespace Portal.Core.Tests.Import;

public class FormatDetectionTests
{
    [Theory]
    [InlineData("[{\"prompt\": \"a\", \"lyrics\": \"b\"}]", VerseFormat.Json)]
    [InlineData("  \n\t[]", VerseFormat.Json)]
    [InlineData("[ broken", VerseFormat.Json)]
    [InlineData("{\"metadata\": {}, \"verses\": []}\n\n", VerseFormat.Json)]
    [InlineData("{\n  \"prompt\": \"a\",\n  \"lyrics\": \"b\"\n}", VerseFormat.Json)]
    [InlineData("{\"prompt\": \"a\", \"lyrics\": \"b\"}\n{\"prompt\": \"c\", \"lyrics\": \"d\"}\n", VerseFormat.Jsonl)]
    [InlineData("{\"prompt\": \"a\", \"lyrics\": \"b\"}\n# then text\n", VerseFormat.Jsonl)]
    [InlineData("{\"prompt\": \"broken\n{\"prompt\": \"c\", \"lyrics\": \"d\"}\n", VerseFormat.Jsonl)]
    [InlineData("{\"prompt\": \"broken", VerseFormat.Json)]
    [InlineData("# Upbeat pop\nsun\n", VerseFormat.Text)]
    [InlineData("just words", VerseFormat.Text)]
    public void DetectRecognisesEachFormat(string content, VerseFormat expected) =>
        Assert.Equal(expected, VerseImportParser.Detect(Utf8(content)));

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n\t ")]
    public void DetectReturnsNullForAnEmptyFile(string content) => Assert.Null(VerseImportParser.Detect(Utf8(content)));

    [Fact]
    public void DetectSkipsALeadingBom() =>
        Assert.Equal(VerseFormat.Json, VerseImportParser.Detect([0xEF, 0xBB, 0xBF, .. Utf8("[]")]));

    [Fact]
    public void DetectSurvivesDeepNestingAndInvalidBytes()
    {
        Assert.Equal(VerseFormat.Json, VerseImportParser.Detect(Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)))));
        Assert.Equal(VerseFormat.Json, VerseImportParser.Detect([(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"']));
    }

    [Fact]
    public void AnExplicitFormatOverridesDetection()
    {
        var result = Parse("{\"prompt\": \"a\", \"lyrics\": \"b\"}", VerseFormat.Jsonl).Accepted();

        Assert.Equal(VerseFormat.Jsonl, result.Format);
        Assert.Single(result.ValidItems);
    }

    [Fact]
    public void ARejectedFileInTheWrongChosenFormatSaysWhatItLooksLike()
    {
        var result = Parse("[{\"prompt\": \"a\", \"lyrics\": \"b\"}]", VerseFormat.Text);

        Assert.Equal("The file looks like JSON, not plain text.", result.FileErrors[^1]);
    }
}
