using Portal.Core.Lint;
using Portal.Core.Verses;

namespace Portal.Core.Tests.Lint;

public class NearDuplicateIndexTests
{
    private const string Original = """
        Sun on the water and we don't need a plan
        Driving all night with the radio on
        Your hand out the window catching the wind
        Every road we take is leading us home
        Sing it out loud till the morning comes
        Nothing can stop us now we're young and free
        City lights fading in the rear view mirror
        This is the summer we will never forget
        """;

    // Two words changed, punctuation and case changed throughout.
    private const string Reworded = """
        SUN ON THE WATER, AND WE DON'T NEED A PLAN!
        Driving all night with the stereo on...
        Your hand out the window, catching the wind;
        every road we take is leading us home.
        Sing it out loud till the morning comes
        Nothing can stop us now, we're young and wild
        City lights fading in the rear view mirror
        This is the summer we will never forget
        """;

    private const string Unrelated = """
        Rain on the window and your coat on the chair
        The kettle is cold and the letters unread
        I count the cracks in the ceiling again
        Waiting for a knock that will never come
        """;

    private static readonly LintOptions Options = new();

    private static VerseText Verse(string lyrics) => new("Upbeat pop about summer", lyrics, []);

    [Fact]
    public void FindsARewordedCopy()
    {
        var index = new NearDuplicateIndex(Options);
        index.Add(1, Verse(Original));
        index.Add(2, Verse(Unrelated));

        var match = Assert.Single(index.FindSimilar(Verse(Reworded)));

        Assert.Equal(1, match.Id);
        Assert.InRange(match.Similarity, Options.NearDuplicateSimilarity, 0.99);
    }

    [Fact]
    public void DoesNotMatchAnUnrelatedVerse()
    {
        var index = new NearDuplicateIndex(Options);
        index.Add(1, Verse(Original));

        Assert.Empty(index.FindSimilar(Verse(Unrelated)));
    }

    [Fact]
    public void IgnoresCasePunctuationAndLineBreaks()
    {
        var index = new NearDuplicateIndex(Options);
        index.Add(1, Verse("Don't stop, baby!\nKeep on dancing tonight"));

        var match = Assert.Single(index.FindSimilar(Verse("DONT STOP BABY keep on... dancing tonight.")));

        Assert.Equal(1.0, match.Similarity);
    }

    [Fact]
    public void ExcludesTheGivenId()
    {
        var index = new NearDuplicateIndex(Options);
        index.Add(1, Verse(Original));
        index.Add(2, Verse(Original));

        Assert.Equal([2], index.FindSimilar(Verse(Original), excludeId: 1).Select(match => match.Id));
    }

    [Fact]
    public void SortsMatchesMostSimilarFirst()
    {
        var index = new NearDuplicateIndex(Options);
        index.Add(5, Verse(Reworded));
        index.Add(9, Verse(Original));

        Assert.Equal([9, 5], index.FindSimilar(Verse(Original)).Select(match => match.Id));
    }

    [Fact]
    public void AddingAnIdAgainReplacesTheOldLyrics()
    {
        var index = new NearDuplicateIndex(Options);
        index.Add(1, Verse(Original));
        index.Add(1, Verse(Unrelated));

        Assert.Empty(index.FindSimilar(Verse(Original)));
        Assert.Equal(1, Assert.Single(index.FindSimilar(Verse(Unrelated))).Id);
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void RemovedVersesAreNoLongerFound()
    {
        var index = new NearDuplicateIndex(Options);
        index.Add(1, Verse(Original));

        Assert.True(index.Remove(1));
        Assert.Empty(index.FindSimilar(Verse(Original)));
    }

    [Fact]
    public void VersesShorterThanAShingleCompareAsAWhole()
    {
        var index = new NearDuplicateIndex(Options);
        index.Add(1, Verse("hey you"));

        Assert.Single(index.FindSimilar(Verse("Hey, you!")));
        Assert.Empty(index.FindSimilar(Verse("hey me")));
    }

    [Fact]
    public void LyricsWithoutWordsMatchNothing()
    {
        var index = new NearDuplicateIndex(Options);
        index.Add(1, Verse("... !!! ..."));

        Assert.Empty(index.FindSimilar(Verse("... !!! ...")));
    }
}
