using Portal.Core.Verses;

namespace Portal.Core.Tests.Verses;

public class BarsTests
{
    [Fact]
    public void CountSkipsBlankAndWhitespaceOnlyLines() =>
        Assert.Equal(3, Bars.Count("one\n\n   \ntwo\n\t\nthree\n"));

    [Fact]
    public void CountTreatsCrLfAndCrAsLineBreaks() =>
        Assert.Equal(3, Bars.Count("one\r\ntwo\rthree"));

    [Fact]
    public void CountKeepsUnicodeLineSeparatorInsideABar() =>
        Assert.Equal(1, Bars.Count("one\u2028two"));

    [Theory]
    [InlineData("")]
    [InlineData("\n\n \n")]
    public void CountOfEmptyLyricsIsZero(string lyrics) => Assert.Equal(0, Bars.Count(lyrics));
}
