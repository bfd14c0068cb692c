using Portal.Serving.Options;

namespace Portal.Serving.Tests;

public sealed class IntervalTextTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("45", 45)]
    [InlineData("0.2", 0.2)]
    [InlineData("250ms", 0.25)]
    [InlineData(" 10S ", 10)]
    public void AnIntervalIsReadInTheUnitItIsWrittenIn(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), IntervalText.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("5 minutes")]
    [InlineData("2d")]
    public void AnythingElseIsRefused(string text) =>
        Assert.Throws<FormatException>(() => IntervalText.Parse(text));
}
