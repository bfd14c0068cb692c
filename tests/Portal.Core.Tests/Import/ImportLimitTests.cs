using System.Text;
using Portal.Core.Import;
using Portal.Core.Tests.Support;
using static Portal.Core.Tests.Support.Import;

namespace Portal.Core.Tests.Import;

/// <summary>Hostile and oversized input: every case must end in a clear message, quickly, without an exception.</summary>
public class ImportLimitTests
{
    private const string Verse = "{\"prompt\": \"Upbeat pop\", \"lyrics\": \"one\"}";

    [Fact]
    public void ImportRejectsTenThousandNestedArraysAsAFileError()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);

        var error = Parse(json).SingleFileError();

        Assert.StartsWith("The JSON nests more than 8 levels deep (line 1).", error);
    }

    [Fact]
    public void ImportRejectsTenThousandNestedObjectsAsAFileError()
    {
        var json = "{\"verses\": [" + string.Concat(Enumerable.Repeat("{\"a\": ", 10_000)) + "1" + new string('}', 10_000) + "]}";

        Assert.StartsWith("The JSON nests more than 8 levels deep", Parse(json).SingleFileError());
    }

    [Fact]
    public void ImportRejectsDeepNestingInsideAJsonLine()
    {
        var jsonl = Verse + "\n" + Verse + "\n{\"tags\": " + new string('[', 10_000) + new string(']', 10_000) + "}\n";

        var result = Parse(jsonl);

        Assert.Equal(VerseFormat.Jsonl, result.Format);
        Assert.StartsWith("The JSON nests more than 8 levels deep (line 3).", result.SingleFileError());
    }

    [Fact]
    public void ImportSurvivesDeepNestingInAPlainTextLine()
    {
        var text = "# Braces\n" + string.Concat(Enumerable.Repeat("{\"prompt\":", 10_000)) + "1" + new string('}', 10_000) + "\n";

        var verse = Parse(text, limits: new ImportLimits { MaxLyricsChars = 200_000 }).Accepted().Items[0].Verse;

        Assert.NotNull(verse);
    }

    [Fact]
    public void ImportAllowsNestingUpToTheLimit()
    {
        var limits = new ImportLimits { MaxDepth = 4 };

        Parse("""{"verses": [{"prompt": "p", "lyrics": "l", "tags": ["a"]}]}""", limits: limits).Accepted();
        Assert.StartsWith("The JSON nests more than 4 levels deep",
            Parse("""{"verses": [{"prompt": "p", "lyrics": "l", "tags": [["a"]]}]}""", limits: limits).SingleFileError());
    }

    [Fact]
    public void ImportRejectsInvalidUtf8NamingTheByteOffset()
    {
        byte[] content = [.. Utf8("# Prompt\nbar "), 0xC3, 0x28, .. Utf8(" more\n")];

        var error = Parse(content).SingleFileError();

        Assert.Equal("The file is not valid UTF-8 text: byte C3 at byte offset 13 (line 2) is not part of a character. Save it as UTF-8 and import it again.", error);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'[', 0xFF, (byte)']' }, 1)]
    [InlineData(new byte[] { (byte)'a', 0xC0, 0x80 }, 1)]            // overlong encoding of NUL
    [InlineData(new byte[] { (byte)'a', 0xED, 0xA0, 0x80 }, 1)]      // an encoded surrogate
    [InlineData(new byte[] { (byte)'a', (byte)'b', 0xE2, 0x82 }, 2)] // cut off at the end
    public void ImportRejectsEveryKindOfInvalidUtf8(byte[] content, int offset) =>
        Assert.Contains($"at byte offset {offset} ", Parse(content).SingleFileError());

    [Fact]
    public void ImportRecognisesUtf16AsTheLikelyMistake()
    {
        var content = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("# Prompt\nbar\n")).ToArray();

        Assert.EndsWith("It looks like UTF-16: save it as UTF-8 and import it again.", Parse(content).SingleFileError());
    }

    [Theory]
    [InlineData("[" + Verse + "]")]
    [InlineData(Verse + "\n" + Verse + "\n")]
    [InlineData("# Upbeat pop\none\n")]
    public void ImportAcceptsAndIgnoresALeadingBom(string content)
    {
        var result = Parse([0xEF, 0xBB, 0xBF, .. Utf8(content)]).Accepted();

        Assert.All(result.Items, item => Assert.Equal("Upbeat pop", item.Verse!.Prompt));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)' ', (byte)'\n' })]
    public void ImportRejectsAnEmptyFile(byte[] content) => Assert.Equal("The file is empty.", Parse(content).SingleFileError());

    [Fact]
    public void ParseRejectsContentOverMaxBytes()
    {
        var limits = new ImportLimits { MaxBytes = 100 };
        var content = "[" + string.Join(",", Enumerable.Repeat(Verse, 3)) + "]";

        Assert.Equal("The file is 127 bytes; the limit is 100 bytes. Split it into smaller files and import them one by one.",
            Parse(content, limits: limits).SingleFileError());
    }

    [Fact]
    public async Task ParseAsyncStopsReadingAnEndlessStreamAtMaxBytesPlusOne()
    {
        var limits = new ImportLimits { MaxBytes = 1_000_000 };
        var stream = new EndlessStream();

        var result = await VerseImportParser.ParseAsync(stream, limits, null, CancellationToken.None);

        Assert.Equal("The file is larger than the 976.6 KB limit. Split it into smaller files and import them one by one.", result.SingleFileError());
        Assert.Equal(limits.MaxBytes + 1, stream.BytesRead);
    }

    [Fact]
    public async Task ParseAsyncStopsReadingAnEndlessStreamAtTheDefaultLimit()
    {
        var stream = new EndlessStream((byte)'[');

        var result = await VerseImportParser.ParseAsync(stream, Defaults, VerseFormat.Json, CancellationToken.None);

        Assert.Contains("larger than the 16 MB limit", result.SingleFileError());
        Assert.Equal(Defaults.MaxBytes + 1, stream.BytesRead);
    }

    [Fact]
    public async Task ParseAsyncRefusesASeekableStreamThatIsTooLongWithoutReadingIt()
    {
        using var stream = new MemoryStream(new byte[2_000]);

        var result = await VerseImportParser.ParseAsync(stream, new ImportLimits { MaxBytes = 1_000 }, null, CancellationToken.None);

        Assert.StartsWith("The file is larger than", result.SingleFileError());
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task ParseAsyncAcceptsAFileOfExactlyMaxBytesArrivingInPieces()
    {
        var content = Utf8("[" + Verse + "," + Verse + "]");
        var limits = new ImportLimits { MaxBytes = content.Length };

        var result = await VerseImportParser.ParseAsync(new TrickleStream(content), limits, null, CancellationToken.None);

        Assert.Equal(2, result.Accepted().ValidItems.Count());
    }

    [Fact]
    public async Task ParseAsyncHonoursCancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            VerseImportParser.ParseAsync(new MemoryStream(Utf8("[]")), Defaults, null, cancelled.Token));
    }

    [Theory]
    [InlineData(VerseFormat.Json)]
    [InlineData(VerseFormat.Jsonl)]
    [InlineData(VerseFormat.Text)]
    public void ImportRejectsMoreThanMaxItems(VerseFormat format)
    {
        var limits = new ImportLimits { MaxItems = 5 };

        Assert.Equal(5, Parse(Verses(5, format), format, limits).Accepted().ValidItems.Count());
        Assert.Equal("The file has more than 5 verses, the most one import takes. Split it into smaller files.",
            Parse(Verses(6, format), format, limits).SingleFileError());
    }

    [Fact]
    public void ImportStopsCountingAtMaxItemsPlusOneWithoutReadingFurther()
    {
        var limits = new ImportLimits { MaxItems = 3 };
        var content = "[" + string.Join(",", Enumerable.Repeat(Verse, 4)) + ", this is never read";

        Assert.StartsWith("The file has more than 3 verses", Parse(content, limits: limits).SingleFileError());
    }

    [Fact]
    public void ImportReportsATenMegabyteFieldAsTooLongAndKeepsTheOtherVerses()
    {
        var huge = new string('a', 10 * 1024 * 1024);
        var content = "[" + Verse + ",{\"prompt\": \"Upbeat pop\", \"lyrics\": \"" + huge + "\"}," + Verse + "]";

        var result = Parse(content).Accepted();

        Assert.Equal([1, 3], result.ValidItems.Select(item => item.Number));
        var error = Assert.Single(result.Items[1].Errors);
        Assert.Equal("The lyrics are 10,485,760 characters long; the limit is 10,000.", error);
    }

    [Fact]
    public void ImportReportsATenMegabyteFieldInTextAndJsonLines()
    {
        var huge = new string('a', 10 * 1024 * 1024);

        Assert.Equal(["The prompt is 10,485,760 characters long; the limit is 1,000."],
            Parse("# " + huge + "\nbar\n").Accepted().Items[0].Errors);
        Assert.Equal(["The notes are 10,485,760 characters long; the limit is 4,000."],
            Parse("{\"prompt\": \"p\", \"lyrics\": \"l\", \"notes\": \"" + huge + "\"}\n" + Verse + "\n").Accepted().Items[0].Errors);
    }

    [Fact]
    public void ImportChecksEachFieldAgainstItsOwnLimit()
    {
        var limits = new ImportLimits { MaxPromptChars = 5, MaxLyricsChars = 6, MaxNotesChars = 7 };

        Parse("""[{"prompt": "12345", "lyrics": "123456", "notes": "1234567"}]""", limits: limits).Accepted();
        Assert.Equal(
            [
                "The prompt is 6 characters long; the limit is 5.",
                "The lyrics are 7 characters long; the limit is 6.",
                "The notes are 8 characters long; the limit is 7.",
            ],
            Parse("""[{"prompt": "123456", "lyrics": "1234567", "notes": "12345678"}]""", limits: limits).Accepted().Items[0].Errors);
    }

    [Fact]
    public void ImportReportsTooManyOrTooLongTags()
    {
        var many = string.Join(",", Enumerable.Range(1, 21).Select(i => $"\"t{i}\""));
        var result = Parse($$"""[{"prompt": "p", "lyrics": "l", "tags": [{{many}}]}, {"prompt": "p", "lyrics": "l", "tags": "{{new string('x', 41)}}"}]""").Accepted();

        Assert.Equal(["There are 21 tags; the limit is 20."], result.Items[0].Errors);
        Assert.Equal([$"The tag \"{new string('x', 40)}…\" is 41 characters; the limit is 40."], result.Items[1].Errors);
    }

    [Fact]
    public void ImportReportsAnEscapedNulInJsonAsAnItemError()
    {
        var result = Parse("""[{"prompt": "Upbeat pop", "lyrics": "one\ntw\u0000o"}, {"prompt": "nul \u0000", "lyrics": "x"}]""").Accepted();

        Assert.Equal(["The lyrics contain a control character (U+0000) on line 2; remove it."], result.Items[0].Errors);
        Assert.Equal(["The prompt contains a control character (U+0000); remove it."], result.Items[1].Errors);
    }

    [Fact]
    public void ImportReportsARawNulInTextAsAnItemError()
    {
        var result = Parse("# Upbeat pop\none\0two\n\n# Clean\nbar\n").Accepted();

        Assert.Equal(["The lyrics contain a control character (U+0000); remove it."], result.Items[0].Errors);
        Assert.NotNull(result.Items[1].Verse);
    }

    [Fact]
    public void ImportReportsARawNulInAJsonLineAsThatLinesError()
    {
        var result = Parse(Verse + "\n{\"prompt\": \"a\0b\", \"lyrics\": \"c\"}\n").Accepted();

        Assert.StartsWith("Line 2 is not valid JSON", Assert.Single(result.Items[1].Errors));
        Assert.NotNull(result.Items[0].Verse);
    }

    [Fact]
    public void ImportReportsOtherControlCharactersButAllowsTabs()
    {
        var result = Parse("""[{"prompt": "Bell", "lyrics": "ring\u0007"}, {"prompt": "Tab", "lyrics": "a\tb"}, {"prompt": "Esc", "lyrics": "x", "notes": "\u001b[31m"}]""").Accepted();

        Assert.Equal(["The lyrics contain a control character (U+0007); remove it."], result.Items[0].Errors);
        Assert.Equal("a\tb", result.Items[1].Verse!.Lyrics);
        Assert.Equal(["The notes contain a control character (U+001B); remove it."], result.Items[2].Errors);
    }

    [Fact]
    public void ImportMessagesNeverEchoAHugeField()
    {
        var huge = new string('#', 1_000_000);
        var result = Parse("# Prompt\n" + huge + "\n\n# Second\n## " + huge + ": x\nbar\n").Accepted();

        Assert.All(result.Items.SelectMany(item => item.Errors), error => Assert.True(error.Length < 300, "A message echoed the whole field."));
    }

    private static string Verses(int count, VerseFormat format) => format switch
    {
        VerseFormat.Json => "[" + string.Join(",", Enumerable.Repeat(Verse, count)) + "]",
        VerseFormat.Jsonl => string.Concat(Enumerable.Repeat(Verse + "\n", count)),
        _ => string.Concat(Enumerable.Range(1, count).Select(i => $"# Prompt {i}\nbar\n\n")),
    };
}
