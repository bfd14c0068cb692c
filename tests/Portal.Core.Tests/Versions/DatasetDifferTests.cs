using Portal.Core.Training;
using Portal.Core.Versions;

namespace Portal.Core.Tests.Versions;

public sealed class DatasetDifferTests
{
    private static SnapshotVerse Verse(int id, string hash, string prompt = "Prompt") => new(id, hash, prompt, "Lyrics");

    [Fact]
    public void IdenticalSnapshotsDifferInNothing()
    {
        SnapshotVerse[] snapshot = [Verse(1, "a"), Verse(2, "b")];

        var diff = DatasetDiffer.Compare(snapshot, [.. snapshot]);

        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void ANewIdIsAddedAMissingIdIsRemovedAndANewHashIsAnEdit()
    {
        SnapshotVerse[] previous = [Verse(1, "a"), Verse(2, "b", "Old prompt"), Verse(3, "c", "Gone")];
        SnapshotVerse[] current = [Verse(1, "a"), Verse(2, "b2", "New prompt"), Verse(4, "d", "Fresh")];

        var diff = DatasetDiffer.Compare(previous, current);

        Assert.Equal(["Fresh"], diff.Added.Select(v => v.Prompt));
        Assert.Equal(["New prompt"], diff.Edited.Select(v => v.Prompt));
        Assert.Equal(["Gone"], diff.Removed.Select(v => v.Prompt));
    }

    [Fact]
    public void EveryListIsSortedByVerseIdWhateverTheSnapshotOrder()
    {
        SnapshotVerse[] previous = [Verse(9, "x"), Verse(5, "x"), Verse(30, "x"), Verse(20, "x")];
        SnapshotVerse[] current = [Verse(30, "y"), Verse(7, "n"), Verse(20, "y"), Verse(3, "n")];

        var diff = DatasetDiffer.Compare(previous, current);

        Assert.Equal([3, 7], diff.Added.Select(v => v.VerseId));
        Assert.Equal([20, 30], diff.Edited.Select(v => v.VerseId));
        Assert.Equal([5, 9], diff.Removed.Select(v => v.VerseId));
    }

    [Fact]
    public void AnEmptyPreviousSnapshotMakesEveryVerseAdded()
    {
        var diff = DatasetDiffer.Compare([], [Verse(2, "b"), Verse(1, "a")]);

        Assert.Equal([1, 2], diff.Added.Select(v => v.VerseId));
        Assert.Empty(diff.Edited);
        Assert.Empty(diff.Removed);
    }

    [Fact]
    public void AVerseWhosePromptChangedButNotItsHashIsNotReportedAsEdited()
    {
        // The content hash is the verse's identity of content; the prompt text alone is not compared.
        var diff = DatasetDiffer.Compare([Verse(1, "a", "Before")], [Verse(1, "a", "After")]);

        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void ASnapshotListingAVerseTwiceIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetDiffer.Compare([Verse(1, "a"), Verse(1, "b")], []));

        Assert.Contains("verse 1", error.Message);
    }
}
