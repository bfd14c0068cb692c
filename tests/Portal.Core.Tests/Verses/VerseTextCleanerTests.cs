using Portal.Core.Verses;

namespace Portal.Core.Tests.Verses;

public class VerseTextCleanerTests
{
    [Fact]
    public void CleanConvertsCrLfAndCrToLf() =>
        Assert.Equal("one\ntwo\nthree", VerseTextCleaner.Clean("one\r\ntwo\rthree"));

    [Fact]
    public void CleanStripsALeadingBom() =>
        Assert.Equal("one", VerseTextCleaner.Clean("\uFEFFone"));

    [Fact]
    public void CleanTrimsTrailingWhitespaceOnEveryLine() =>
        Assert.Equal("one\ntwo", VerseTextCleaner.Clean("one  \t\ntwo "));

    [Fact]
    public void CleanDropsBlankLinesAtBothEndsButKeepsInteriorOnes() =>
        Assert.Equal("one\n\n\ntwo", VerseTextCleaner.Clean("\n  \r\none\n\n  \ntwo\n\n\t\n"));

    [Fact]
    public void CleanKeepsLeadingIndentation() =>
        Assert.Equal("  one\n\ttwo", VerseTextCleaner.Clean("  one\n\ttwo"));

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n\t\n")]
    [InlineData("\uFEFF")]
    public void CleanOfBlankTextIsEmpty(string text) => Assert.Equal("", VerseTextCleaner.Clean(text));

    [Fact]
    public void CleanIsIdempotent()
    {
        var once = VerseTextCleaner.Clean("\uFEFF\r\n a  \r\n\r\nb\t\r\n");

        Assert.Equal(once, VerseTextCleaner.Clean(once));
    }
}
