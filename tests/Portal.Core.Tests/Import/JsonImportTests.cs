using Portal.Core.Import;
using static Portal.Core.Tests.Support.Import;

namespace Portal.Core.Tests.Import;

public class JsonImportTests
{
    [Fact]
    public void ImportReadsTheNotebookArray()
    {
        var result = Parse("""
            [
              {"prompt": "Upbeat pop about summer", "lyrics": "Sun on the water\nWe don't need a plan"},
              {"prompt": "Slow piano ballad", "lyrics": "Rain on the window\nYour coat on the chair"}
            ]
            """).Accepted();

        Assert.Equal(VerseFormat.Json, result.Format);
        Assert.Equal([1, 2], result.Items.Select(item => item.Number));
        var first = result.Items[0].Verse!;
        Assert.Equal("Upbeat pop about summer", first.Prompt);
        Assert.Equal("Sun on the water\nWe don't need a plan", first.Lyrics);
        Assert.Empty(first.Tags);
        Assert.Null(first.Notes);
        Assert.Equal(2, result.ValidItems.Count());
        Assert.Empty(result.InvalidItems);
    }

    [Fact]
    public void ImportReadsTheWrappedFormatAndIgnoresItsMetadata()
    {
        var result = Parse("""
            {
              "metadata": {"version": 3, "verses": "not these", "nested": {"a": [1, 2, {"b": []}]}},
              "verses": [
                {"prompt": "Upbeat pop about summer", "lyrics": "Sun on the water"}
              ]
            }
            """).Accepted();

        Assert.Equal("Sun on the water", Assert.Single(result.Items).Verse!.Lyrics);
    }

    [Fact]
    public void ImportReadsASingleVerseObject()
    {
        var result = Parse("""{"prompt": "Upbeat pop about summer", "lyrics": "Sun on the water"}""").Accepted();

        Assert.Equal(VerseFormat.Json, result.Format);
        Assert.NotNull(Assert.Single(result.Items).Verse);
    }

    [Fact]
    public void ImportReadsTagsAsAListOrAsCommaSeparatedText()
    {
        var result = Parse("""
            [
              {"prompt": "p one", "lyrics": "l", "tags": ["Night", " ballad ", "night"]},
              {"prompt": "p two", "lyrics": "l", "tags": "Rock, POP"},
              {"prompt": "p three", "lyrics": "l", "tags": null}
            ]
            """).Accepted();

        Assert.Equal(["night", "ballad"], result.Items[0].Verse!.Tags);
        Assert.Equal(["rock", "pop"], result.Items[1].Verse!.Tags);
        Assert.Empty(result.Items[2].Verse!.Tags);
    }

    [Fact]
    public void ImportReadsNotesAndTreatsBlankNotesAsNone()
    {
        var result = Parse("""
            [{"prompt": "p", "lyrics": "l", "notes": "Written on tour\r\n"}, {"prompt": "p", "lyrics": "l", "notes": "  "}]
            """).Accepted();

        Assert.Equal("Written on tour", result.Items[0].Verse!.Notes);
        Assert.Null(result.Items[1].Verse!.Notes);
    }

    [Fact]
    public void ImportIgnoresUnknownFieldsAndMatchesKnownOnesIgnoringCase()
    {
        var result = Parse("""
            [{"Prompt": "Soft ballad", "LYRICS": "one", "id": 7, "author": {"name": "x"}, "extra": [1, 2]}]
            """).Accepted();

        Assert.Equal("Soft ballad", Assert.Single(result.ValidItems).Verse!.Prompt);
    }

    [Fact]
    public void ImportCleansLineEndingsAndTrailingSpaces()
    {
        var verse = Parse("""[{"prompt": "  Soft ballad  ", "lyrics": "\r\n\r\none  \r\ntwo\r\n\r\n"}]""").Accepted().Items[0].Verse!;

        Assert.Equal("  Soft ballad", verse.Prompt);
        Assert.Equal("one\ntwo", verse.Lyrics);
    }

    [Fact]
    public void ImportReportsFieldsOfTheWrongTypeByName()
    {
        var result = Parse("""
            [{"prompt": 5, "lyrics": ["a"], "tags": 7, "notes": {"x": 1}},
             {"prompt": true, "lyrics": {"a": 1}, "tags": ["ok", 3]}]
            """).Accepted();

        var first = result.Items[0];
        Assert.Null(first.Verse);
        Assert.Equal(
            [
                "\"prompt\" must be text, but it is a number.",
                "\"lyrics\" must be text with one bar per line, but it is a list.",
                "\"tags\" must be a list of text or one comma-separated text, but it is a number.",
                "\"notes\" must be text, but it is a group of fields.",
            ],
            first.Errors);
        Assert.Equal(
            [
                "\"prompt\" must be text, but it is true/false.",
                "\"lyrics\" must be text, but it is a group of fields.",
                "\"tags\" must hold only text, but tag 2 is a number.",
            ],
            result.Items[1].Errors);
    }

    [Fact]
    public void ImportReportsMissingAndEmptyPromptAndLyrics()
    {
        var result = Parse("""
            [{"lyrics": "one"}, {"prompt": "p"}, {"prompt": " \n ", "lyrics": ""}, {"prompt": null, "lyrics": null}, {}]
            """).Accepted();

        Assert.Equal(["The prompt is missing."], result.Items[0].Errors);
        Assert.Equal(["The lyrics are missing."], result.Items[1].Errors);
        Assert.Equal(["The prompt is empty.", "The lyrics are empty."], result.Items[2].Errors);
        Assert.Equal(["The prompt is missing.", "The lyrics are missing."], result.Items[3].Errors);
        Assert.Equal(["The prompt is missing.", "The lyrics are missing."], result.Items[4].Errors);
        Assert.All(result.Items, item => Assert.Null(item.Verse));
    }

    [Fact]
    public void ImportKeepsValidVersesAndNumbersTheInvalidOnes()
    {
        var result = Parse("""
            [
              {"prompt": "Upbeat pop", "lyrics": "one"},
              {"prompt": "", "lyrics": "two"},
              {"prompt": "Slow ballad", "lyrics": "three"},
              "just a string",
              {"prompt": "Lo-fi", "lyrics": 4}
            ]
            """).Accepted();

        Assert.Equal([1, 3], result.ValidItems.Select(item => item.Number));
        Assert.Equal([2, 4, 5], result.InvalidItems.Select(item => item.Number));
        Assert.Equal("This entry is text, not a verse like {\"prompt\": \"...\", \"lyrics\": \"...\"}.", Assert.Single(result.Items[3].Errors));
    }

    [Fact]
    public void ImportRecordsTheLineEachVerseStartsOn()
    {
        var result = Parse("[\n  {\"prompt\": \"a\", \"lyrics\": \"b\"},\n\n  {\"prompt\": \"c\",\n \"lyrics\": \"d\"}\n]").Accepted();

        Assert.Equal([2, 4], result.Items.Select(item => item.Line));
    }

    [Fact]
    public void ImportReportsAFieldGivenTwice()
    {
        var item = Parse("""[{"prompt": "a", "prompt": "b", "lyrics": "c"}]""").Accepted().Items[0];

        Assert.Equal(["\"prompt\" appears more than once in this verse; keep one."], item.Errors);
    }

    [Fact]
    public void ImportAcceptsTrailingCommasAndComments()
    {
        var result = Parse("""
            // exported by hand
            [
              {"prompt": "Upbeat pop", "lyrics": "one",},
            ]
            """).Accepted();

        Assert.Single(result.ValidItems);
    }

    [Fact]
    public void ImportRejectsBrokenJsonNamingLineAndColumn()
    {
        var error = Parse("[\n  {\"prompt\": \"a\", \"lyrics\": \"b\"}\n  {\"prompt\": \"c\"}\n]").SingleFileError();

        Assert.StartsWith("The file is not valid JSON: line 3, column 3:", error);
    }

    [Fact]
    public void ImportRejectsAnUnterminatedFile()
    {
        var error = Parse("""[{"prompt": "a", "lyrics": "b""").SingleFileError();

        Assert.StartsWith("The file is not valid JSON", error);
    }

    [Fact]
    public void ImportRejectsPlainTextAfterAJsonList()
    {
        var error = Parse("[{\"prompt\": \"a\", \"lyrics\": \"b\"}]\n\n# Slow ballad\nrain\n").SingleFileError();

        Assert.Equal("The JSON is complete, but more text follows it on line 3. A file must be one JSON list, or JSON lines with one verse per line; formats cannot be mixed.", error);
    }

    [Fact]
    public void ImportRejectsAnEmptyList() =>
        Assert.Equal("The file's list of verses is empty.", Parse("[]").SingleFileError());

    [Fact]
    public void ImportRejectsAnObjectWithoutVerses() =>
        Assert.StartsWith("The JSON has no list of verses.", Parse("""{"metadata": {"v": 1}}""").SingleFileError());

    [Fact]
    public void ImportRejectsVersesThatAreNotAList() =>
        Assert.Equal("\"verses\" must be a list of verses, but it is a group of fields.", Parse("""{"verses": {"prompt": "a"}}""").SingleFileError());

    [Theory]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void ImportRejectsASingleValueThatIsNotAList(string json) =>
        Assert.StartsWith("The file holds a single", Parse(json, VerseFormat.Json).SingleFileError());

    [Fact]
    public void ImportReportsABrokenSurrogateEscapeAsAnItemError()
    {
        var result = Parse("""[{"prompt": "bad \ud800 half", "lyrics": "one"}, {"prompt": "ok 😀", "lyrics": "\ud83d\ude00"}]""").Accepted();

        Assert.Contains("broken \\u escape", Assert.Single(result.Items[0].Errors));
        Assert.Equal("😀", result.Items[1].Verse!.Lyrics);
    }
}
