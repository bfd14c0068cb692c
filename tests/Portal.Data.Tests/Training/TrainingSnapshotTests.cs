using Portal.Core.Access;
using Portal.Core.Training;
using Portal.Core.Verses;
using Portal.Data.Verses;

namespace Portal.Data.Tests.Training;

/// <summary>Jobs against the real verse library: what a snapshot holds and what counts as new since it.</summary>
public sealed class TrainingSnapshotTests
{
    private static VerseText Text(int n, string twist = "") =>
        new($"Verse {n} about the harbour", $"line one of verse {n}{twist}\nline two keeps the rhyme\nline three turns it round\nline four lands in time", []);

    [Fact]
    public async Task TheLibrarySnapshotHoldsLiveIncludedVersesInIdOrder()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var verses = queue.Database.Get<VerseStore>();
        var kept = await AddAsync(verses, queue.Admin, 1);
        var excluded = await AddAsync(verses, queue.Admin, 2, include: false);
        var deleted = await AddAsync(verses, queue.Admin, 3);
        var alsoKept = await AddAsync(verses, queue.Admin, 4);
        await verses.DeleteAsync(deleted.Id, queue.Admin);

        var snapshot = await verses.LibrarySnapshotAsync();

        Assert.Equal([kept.Id, alsoKept.Id], snapshot.Select(v => v.VerseId));
        Assert.Equal((kept.Text.Prompt, kept.Text.Lyrics), (snapshot[0].Prompt, snapshot[0].Lyrics));
        Assert.Equal(64, snapshot[0].ContentHash.Length);
        Assert.DoesNotContain(snapshot, v => v.VerseId == excluded.Id);
    }

    [Fact]
    public async Task NewVersesCountNewAndEditedOnesButNotExcludedOrDeletedOnes()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var verses = queue.Database.Get<VerseStore>();
        var edited = await AddAsync(verses, queue.Admin, 1);
        var deleted = await AddAsync(verses, queue.Admin, 2);
        await AddAsync(verses, queue.Admin, 3);
        var job = (await queue.Store.EnqueueAsync(queue.Request(await verses.LibrarySnapshotAsync()))).Job;
        Assert.Equal(0, await queue.Store.NewVersesSinceAsync(job.Id));

        await AddAsync(verses, queue.Admin, 4);
        await AddAsync(verses, queue.Admin, 5, include: false);
        var addedThenDeleted = await AddAsync(verses, queue.Admin, 6);
        await verses.DeleteAsync(addedThenDeleted.Id, queue.Admin);
        await verses.DeleteAsync(deleted.Id, queue.Admin);
        Assert.True((await verses.UpdateAsync(edited.Id, Text(1, " rewritten"), null, edited.Revision, queue.Admin)).Succeeded);

        // Verse 4 is new and verse 1 was edited; 5 is excluded, 6 and 2 are deleted, 3 is unchanged.
        Assert.Equal(2, await queue.Store.NewVersesSinceAsync(job.Id));
        Assert.Equal(3, await queue.Store.NewVersesSinceAsync(null));
    }

    [Fact]
    public async Task AJobsSnapshotDoesNotChangeWhenItsVerseIsEdited()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var verses = queue.Database.Get<VerseStore>();
        var verse = await AddAsync(verses, queue.Admin, 1);
        var taken = await verses.LibrarySnapshotAsync();
        var job = (await queue.Store.EnqueueAsync(queue.Request(taken))).Job;

        Assert.True((await verses.UpdateAsync(verse.Id, Text(1, " rewritten"), null, verse.Revision, queue.Admin)).Succeeded);
        Assert.NotEqual(taken, await verses.LibrarySnapshotAsync());
        await verses.DeleteAsync(verse.Id, queue.Admin);

        Assert.Equal(taken, await queue.Store.SnapshotAsync(job.Id));
        var assignment = await queue.ClaimAsync("worker-a");
        Assert.Equal(taken, assignment.Verses);
        Assert.Equal(verse.Text.Lyrics, assignment.Verses[0].Lyrics);
    }

    [Fact]
    public async Task KnownVersesAreAFixedSampleOfThePreviousJobsSnapshot()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var previousSnapshot = Enumerable.Range(1, 70).Select(i => new SnapshotVerse(i, $"hash-{(i * 37) % 101:D3}", $"prompt {i}", $"lyrics {i}")).ToList();
        var previous = (await queue.Store.EnqueueAsync(queue.Request(previousSnapshot))).Job;
        var first = await queue.ClaimAsync("worker-a");
        await queue.Store.CompleteAsync(first.Lease, JobOutcome.Succeeded(new JobMetrics()), "models/1");
        await queue.Store.EnqueueAsync(queue.Request(TrainingQueue.Verses(71, 72), previousJobId: previous.Id));

        var next = await queue.ClaimAsync("worker-a");

        Assert.Empty(first.KnownVerses);
        Assert.Equal(previous.Id, next.PreviousJobId);
        var expected = previousSnapshot.OrderBy(v => v.ContentHash, StringComparer.Ordinal).Take(64);
        Assert.Equal(expected, next.KnownVerses);
    }

    private static async Task<Verse> AddAsync(VerseStore verses, Actor author, int n, bool include = true)
    {
        var result = await verses.AddAsync(Text(n), author, include);
        Assert.True(result.Succeeded, result.Message);
        return result.Verse!;
    }
}
