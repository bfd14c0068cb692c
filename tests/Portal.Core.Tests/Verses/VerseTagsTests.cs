using Portal.Core.Verses;

namespace Portal.Core.Tests.Verses;

public class VerseTagsTests
{
    [Fact]
    public void NormalizeLowerCasesTrimsAndDropsDuplicatesKeepingOrder() =>
        Assert.Equal(["night", "ballad", "hip hop"], VerseTags.Normalize(["  Night ", "BALLAD", "night", "Hip   Hop", "ballad"]));

    [Fact]
    public void NormalizeSplitsEntriesOnCommasAndDropsEmptyOnes() =>
        Assert.Equal(["rock", "pop", "soul"], VerseTags.Normalize(["Rock, pop", "", " , ", "soul,"]));

    [Fact]
    public void NormalizeUsesInvariantLowerCase() =>
        Assert.Equal(["istanbul", "ärger"], VerseTags.Normalize(["ISTANBUL", "Ärger"]));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ,  ")]
    public void ParseOfNothingIsNoTags(string? raw) => Assert.Empty(VerseTags.Parse(raw));

    [Fact]
    public void ParseReadsCommaSeparatedTags() =>
        Assert.Equal(["dark", "slow burn", "piano"], VerseTags.Parse("Dark, slow  burn ,PIANO, dark"));

    [Fact]
    public void ValidateAcceptsTagsWithinTheLimits() =>
        Assert.Empty(VerseTags.Validate([.. Enumerable.Range(0, VerseTags.MaxTags).Select(i => new string('t', VerseTags.MaxTagLength - 2) + i.ToString("00"))]));

    [Fact]
    public void ValidateReportsTooManyTags()
    {
        var problems = VerseTags.Validate([.. Enumerable.Range(0, VerseTags.MaxTags + 1).Select(i => $"tag{i}")]);

        Assert.Equal("There are 21 tags; the limit is 20.", Assert.Single(problems));
    }

    [Fact]
    public void ValidateReportsATooLongTagWithoutEchoingAllOfIt()
    {
        var problem = Assert.Single(VerseTags.Validate([new string('x', 5_000)]));

        Assert.Contains("5,000 characters; the limit is 40", problem);
        Assert.True(problem.Length < 150, problem);
    }
}
