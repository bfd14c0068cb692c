using Portal.Core.Training;

namespace Portal.Core.Tests.Training;

public sealed class SnapshotPlannerTests
{
    private static readonly IReadOnlyList<SnapshotVerse> Library =
        [.. Enumerable.Range(1, 20).Select(n => new SnapshotVerse(n, $"hash-{n}", $"prompt {n}", $"lyrics {n}"))];

    private static readonly HashSet<string> KnownFirstSixteen = [.. Enumerable.Range(1, 16).Select(n => $"hash-{n}")];

    [Fact]
    public void AQuickJobTakesTheNewVersesAndAsManyOlderOnesToReplay()
    {
        var plan = SnapshotPlanner.Plan(Library, JobStartMode.Continue, KnownFirstSixteen, replayRatio: 1.0, seed: 1);

        Assert.Equal(8, plan.Count);
        Assert.All(Enumerable.Range(17, 4), n => Assert.Contains(plan, v => v.VerseId == n));
        Assert.Equal(4, plan.Count(v => KnownFirstSixteen.Contains(v.ContentHash)));
    }

    [Fact]
    public void TheReplaySampleIsTheSameForTheSameSeedSoThatASecondPressJoinsTheJob()
    {
        var first = SnapshotPlanner.Plan(Library, JobStartMode.Continue, KnownFirstSixteen, 1.0, seed: 5);
        var again = SnapshotPlanner.Plan(Library, JobStartMode.Continue, KnownFirstSixteen, 1.0, seed: 5);
        var otherSeeds = Enumerable.Range(6, 5).Select(seed => SnapshotPlanner.Plan(Library, JobStartMode.Continue, KnownFirstSixteen, 1.0, seed));

        Assert.Equal(first, again);
        Assert.Contains(otherSeeds, plan => !plan.SequenceEqual(first));
    }

    [Fact]
    public void AnEditedVerseCountsAsNew()
    {
        var edited = Library.Select(v => v.VerseId == 3 ? v with { ContentHash = "hash-3-edited" } : v).ToList();

        var plan = SnapshotPlanner.Plan(edited, JobStartMode.Continue, KnownFirstSixteen, replayRatio: 0, seed: 1);

        Assert.Equal([3, 17, 18, 19, 20], plan.Select(v => v.VerseId));
    }

    [Fact]
    public void NothingNewMeansAnEmptyQuickSnapshot()
    {
        var everything = Library.Select(v => v.ContentHash).ToHashSet();

        Assert.Empty(SnapshotPlanner.Plan(Library, JobStartMode.Continue, everything, 1.0, seed: 1));
    }

    [Theory]
    [InlineData(JobStartMode.Scratch)]
    [InlineData(JobStartMode.Base)]
    public void OtherJobsTrainOnTheWholeLibrary(JobStartMode mode)
    {
        Assert.Equal(20, SnapshotPlanner.Plan(Library, mode, KnownFirstSixteen, 1.0, seed: 1).Count);
    }

    [Fact]
    public void TheSnapshotHashDependsOnIdsAndContentNotOnOrder()
    {
        var reversed = Library.Reverse().ToList();
        var edited = Library.Select(v => v.VerseId == 1 ? v with { ContentHash = "other" } : v).ToList();

        Assert.Equal(DatasetSnapshot.Hash(Library), DatasetSnapshot.Hash(reversed));
        Assert.NotEqual(DatasetSnapshot.Hash(Library), DatasetSnapshot.Hash(edited));
    }
}
