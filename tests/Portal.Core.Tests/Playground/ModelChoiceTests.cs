using Portal.Core.Playground;

namespace Portal.Core.Tests.Playground;

public sealed class ModelChoiceTests
{
    [Theory]
    [InlineData("v3", ModelKind.Version, 3)]
    [InlineData("job-12", ModelKind.Candidate, 12)]
    [InlineData("  v7\t", ModelKind.Version, 7)]
    [InlineData(" job-40 ", ModelKind.Candidate, 40)]
    [InlineData("V2", ModelKind.Version, 2)]
    [InlineData("JOB-5", ModelKind.Candidate, 5)]
    public void AWrittenChoiceParses(string text, ModelKind kind, long id)
    {
        Assert.True(ModelChoice.TryParse(text, out var choice));
        Assert.Equal(new ModelChoice(kind, id), choice);
    }

    [Fact]
    public void AChoiceIsWrittenAsInUrls()
    {
        Assert.Equal("v3", ModelChoice.ForVersion(3).ToString());
        Assert.Equal("job-12", ModelChoice.ForCandidate(12).ToString());
    }

    [Theory]
    [InlineData(ModelKind.Version, 1)]
    [InlineData(ModelKind.Version, int.MaxValue)]
    [InlineData(ModelKind.Candidate, 12)]
    [InlineData(ModelKind.Candidate, long.MaxValue)]
    public void WritingThenParsingGivesTheSameChoice(ModelKind kind, long id)
    {
        var choice = new ModelChoice(kind, id);

        Assert.True(ModelChoice.TryParse(choice.ToString(), out var parsed));
        Assert.Equal(choice, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("v0")]
    [InlineData("job-0")]
    [InlineData("x3")]
    [InlineData("3")]
    [InlineData("job-")]
    [InlineData("v")]
    [InlineData("v-1")]
    [InlineData("job--1")]
    [InlineData("v+3")]
    [InlineData("v 3")]
    [InlineData("v3x")]
    [InlineData("v2147483648")]
    [InlineData("job-99999999999999999999")]
    public void ANonsenseChoiceIsRefused(string? text)
    {
        Assert.False(ModelChoice.TryParse(text, out _));
    }
}
