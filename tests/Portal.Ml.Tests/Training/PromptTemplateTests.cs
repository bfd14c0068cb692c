using Portal.Ml.Training;

namespace Portal.Ml.Tests.Training;

public class PromptTemplateTests
{
    [Fact]
    public void FullTextIsThePromptPartFollowedByTheLyricsAndTheEndToken()
    {
        var template = PromptTemplate.Default;

        Assert.Equal("sad piano\n###\n", template.Prompt("  sad piano "));
        Assert.Equal("sad piano\n###\nline one\nline two<|endoftext|>", template.Full("sad piano", "line one\nline two\n"));
        Assert.StartsWith(template.Prompt("sad piano"), template.Full("sad piano", "x"));
    }
}
