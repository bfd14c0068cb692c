using Portal.Core.Lint;
using Portal.Core.Text;
using Portal.Core.Verses;

namespace Portal.Core.Tests.Lint;

public class VerseLinterTests
{
    private const string EightBars = "Sun on the water\nWe don't need a plan\nDriving all night\nRadio on\nHand out the window\nCatching the wind\nEvery road we take\nLeads us home";
    private const string FourBars = "Sun on the water\nWe don't need a plan\nDriving all night\nRadio on";
    private static readonly LintOptions Options = new();
    private static readonly ITokenCounter Tokens = new Gpt2PreTokenCounter();

    private static IReadOnlyList<LintFinding> Lint(string prompt, string lyrics, LintOptions? options = null) =>
        VerseLinter.Lint(new VerseText(prompt, lyrics, []), options ?? Options, Tokens);

    private static LintFinding Only(IReadOnlyList<LintFinding> findings, string code)
    {
        var finding = Assert.Single(findings);
        Assert.Equal(code, finding.Code);
        return finding;
    }

    [Fact]
    public void AGoodVerseHasNoFindings() => Assert.Empty(Lint("Upbeat pop about summer", EightBars));

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public void AnEmptyPromptIsAnError(string prompt)
    {
        var finding = Only(Lint(prompt, EightBars), LintCodes.PromptEmpty);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("The prompt is empty; describe the style or theme of the verse.", finding.Message);
    }

    [Fact]
    public void AShortPromptIsAWarning()
    {
        var finding = Only(Lint("Sad song", EightBars), LintCodes.PromptShort);

        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal("The prompt has 8 characters; describe the style or theme in at least 12.", finding.Message);
    }

    [Fact]
    public void APromptOfExactlyTheMinimumIsFine() => Assert.Empty(Lint("Sad ballads!", EightBars));

    [Fact]
    public void FewBarsAreReportedWithTheRange()
    {
        var finding = Only(Lint("Upbeat pop about summer", "Sun on the water\n\nWe don't need a plan\nDriving all night"), LintCodes.BarsFew);

        Assert.Equal("Lyrics have 3 bars; aim for 4-32.", finding.Message);
    }

    [Fact]
    public void ASingleBarIsSingular() =>
        Assert.Equal("Lyrics have 1 bar; aim for 4-32.", Only(Lint("Upbeat pop about summer", "Sun on the water all night"), LintCodes.BarsFew).Message);

    [Fact]
    public void ManyBarsAreReportedWithTheRange()
    {
        var lyrics = string.Join("\n", Enumerable.Range(1, 33).Select(i => $"bar {i}"));

        Assert.Equal("Lyrics have 33 bars; aim for 4-32.", Only(Lint("Upbeat pop about summer", lyrics), LintCodes.BarsMany).Message);
    }

    [Fact]
    public void BarCountsAtTheLimitsAreFine()
    {
        Assert.Empty(Lint("Upbeat pop about summer", FourBars));
        Assert.Empty(Lint("Upbeat pop about summer", string.Join("\n", Enumerable.Range(1, 32).Select(i => $"bar {i}"))));
    }

    [Fact]
    public void EmptyLyricsAreAnError()
    {
        var finding = Only(Lint("Upbeat pop about summer", "\n \n"), LintCodes.LyricsEmpty);

        Assert.Equal(LintSeverity.Error, finding.Severity);
    }

    [Fact]
    public void APromptLongerThanTheLyricsLooksSwapped()
    {
        var findings = Lint("Sun on the water\nWe don't need a plan\nDriving all night\nSinging along", "Upbeat pop about summer");

        var swapped = Assert.Single(findings, finding => finding.Code == LintCodes.Swapped);
        Assert.Equal("The prompt (69 characters) is longer than the lyrics (23); are they swapped?", swapped.Message);
    }

    [Fact]
    public void APromptShorterThanTheLyricsIsNotSwapped() =>
        Assert.DoesNotContain(Lint("Upbeat pop about summer", EightBars), finding => finding.Code == LintCodes.Swapped);

    [Fact]
    public void ALineLongerThanTheContextIsReportedOnItsLine()
    {
        var options = Options with { ContextTokens = 5 };

        var finding = Only(Lint("Upbeat pop!!", "a b\nc d\none two three four five six\ne f", options), LintCodes.LineTooLong);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal(3, finding.Line);
        Assert.Equal("Line 3 is at least 6 tokens; the model reads 5 at a time, so it is cut in training. Break it into bars.", finding.Message);
    }

    [Fact]
    public void ALineThatFitsTheContextIsFine() =>
        Assert.DoesNotContain(Lint("Upbeat pop", "one two three four five\na\nb\nc", Options with { ContextTokens = 5 }), finding => finding.Code == LintCodes.LineTooLong);

    [Fact]
    public void APromptLongerThanTheContextIsReported()
    {
        var findings = Lint("one two three four five six", EightBars, Options with { ContextTokens = 5 });

        Assert.Contains(findings, finding => finding.Code == LintCodes.PromptTooLong && finding.Line is null);
    }

    [Fact]
    public void AVerseLongerThanTheContextAsAWholeIsAWarning()
    {
        var finding = Only(Lint("Upbeat pop about summer", EightBars, Options with { ContextTokens = 10 }), LintCodes.VerseTooLong);

        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.StartsWith("Prompt and lyrics are at least 40 tokens together", finding.Message);
    }

    [Fact]
    public void LintUsesTheGivenTokenCounter()
    {
        var findings = VerseLinter.Lint(new VerseText("Upbeat pop about summer", EightBars, []), Options, new FixedCounter(1_000));

        Assert.Equal(8, findings.Count(finding => finding.Code == LintCodes.LineTooLong));
        Assert.Contains(findings, finding => finding.Code == LintCodes.PromptTooLong);
    }

    [Theory]
    [InlineData("zero\u200Bwidth", 0x200B)]
    [InlineData("nul\0byte", 0x0000)]
    [InlineData("bell\u0007", 0x0007)]
    [InlineData("bom\uFEFFinside", 0xFEFF)]
    [InlineData("replacement \uFFFD char", 0xFFFD)]
    [InlineData("private \uE000 use", 0xE000)]
    [InlineData("line\u2028separator", 0x2028)]
    public void NonPrintableCharactersAreReportedOnTheirLine(string badLine, int codePoint)
    {
        var finding = Only(Lint("Upbeat pop about summer", $"Sun on the water\nWe don't need a plan\n{badLine}\nDriving all night long"), LintCodes.NonPrintable);

        Assert.Equal(3, finding.Line);
        Assert.Equal($"Line 3 has an invisible or control character (U+{codePoint:X4}); retype the line.", finding.Message);
    }

    [Fact]
    public void HalfASurrogatePairIsReported()
    {
        // Not a theory case: xunit would replace the lone surrogate while serialising the test data.
        var finding = Only(Lint("Upbeat pop about summer", FourBars + "\nhalf \uD800 pair"), LintCodes.NonPrintable);

        Assert.Equal("Line 5 has an invisible or control character (U+D800); retype the line.", finding.Message);
    }

    [Fact]
    public void NonPrintableCharactersInThePromptAreReported()
    {
        var finding = Only(Lint("Upbeat pop\u200B about summer", EightBars), LintCodes.NonPrintable);

        Assert.Null(finding.Line);
    }

    [Fact]
    public void TabsEmojiSequencesAndScriptsArePrintable() =>
        Assert.Empty(Lint("Upbeat pop about summer", "tab\there\n👨‍👩‍👧 family\n🏴󠁧󠁢󠁳󠁣󠁴󠁿 flag\nमेरा गाना\nمی‌خواهم\r\nwindows line end"));

    private sealed class FixedCounter(int count) : ITokenCounter
    {
        public int Count(string text) => count;
    }
}
