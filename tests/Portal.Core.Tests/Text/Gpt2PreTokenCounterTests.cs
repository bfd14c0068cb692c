using Portal.Core.Text;

namespace Portal.Core.Tests.Text;

public class Gpt2PreTokenCounterTests
{
    private readonly Gpt2PreTokenCounter _counter = new();

    [Theory]
    [InlineData("Hello world", new[] { "Hello", " world" })]
    [InlineData("I'm here, you'll see", new[] { "I", "'m", " here", ",", " you", "'ll", " see" })]
    [InlineData("Wait... 2024!", new[] { "Wait", "...", " 2024", "!" })]
    [InlineData("a  b", new[] { "a", " ", " b" })]
    [InlineData("end  ", new[] { "end", "  " })]
    [InlineData("line\nnext", new[] { "line", "\n", "next" })]
    [InlineData("café naïve", new[] { "café", " naïve" })]
    public void SplitsTextTheWayGpt2sPreTokenizerDoes(string text, string[] pieces)
    {
        Assert.Equal(pieces, Gpt2PreTokenCounter.Split(text));
        Assert.Equal(pieces.Length, _counter.Count(text));
    }

    [Fact]
    public void EmptyTextHasNoTokens() => Assert.Equal(0, _counter.Count(""));

    [Fact]
    public void CountsALongLineInLinearTime()
    {
        var line = string.Concat(Enumerable.Repeat("word ", 200_000)) + new string(' ', 100_000) + "x";

        Assert.Equal(200_002, _counter.Count(line));
    }
}
