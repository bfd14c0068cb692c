using Portal.Ml.Training;

namespace Portal.Ml.Tests.Training;

public class DatasetSplitTests
{
    private static readonly TrainingVerse[] Verses = Enumerable.Range(1, 200)
        .Select(i => new TrainingVerse(i.ToString(), $"prompt {i}", $"lyrics {i}"))
        .ToArray();

    [Fact]
    public void SplitIsTheSameWhateverTheOrderOfTheVerses()
    {
        var first = DatasetSplit.ByVerseId(Verses, 0.1);
        var second = DatasetSplit.ByVerseId(Verses.Reverse(), 0.1);

        Assert.Equal(first.Validation.Select(v => v.Id), second.Validation.Select(v => v.Id));
        Assert.Equal(first.Train.Select(v => v.Id), second.Train.Select(v => v.Id));
    }

    [Fact]
    public void EveryVerseLandsOnExactlyOneSideInRoughlyTheAskedShare()
    {
        var split = DatasetSplit.ByVerseId(Verses, 0.1);

        Assert.Empty(split.Train.Select(v => v.Id).Intersect(split.Validation.Select(v => v.Id)));
        Assert.Equal(Verses.Length, split.Train.Count + split.Validation.Count);
        Assert.InRange(split.Validation.Count, 8, 35);
    }

    [Fact]
    public void AVerseKeepsItsSideWhenOtherVersesAreAdded()
    {
        var before = DatasetSplit.ByVerseId(Verses.Take(100), 0.2);
        var after = DatasetSplit.ByVerseId(Verses, 0.2);

        Assert.All(before.Validation, verse => Assert.Contains(verse, after.Validation));
        Assert.All(before.Train, verse => Assert.Contains(verse, after.Train));
    }

    [Fact]
    public void ASmallCorpusStillKeepsOneVerseOnEachSide()
    {
        var split = DatasetSplit.ByVerseId(Verses.Take(3), 0.01);

        Assert.Single(split.Validation);
        Assert.Equal(2, split.Train.Count);
        Assert.Empty(DatasetSplit.ByVerseId(Verses.Take(3), 0).Validation);
        Assert.Single(DatasetSplit.ByVerseId(Verses.Take(1), 0.5).Train);
    }
}
