using Portal.Core.Training;

namespace Portal.Data.Tests.Training;

public sealed class TrainingJobEnqueueTests
{
    [Fact]
    public async Task EnqueueStoresTheJobItsSnapshotAndAQueuedEvent()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var snapshot = TrainingQueue.Verses(3, 1, 2);

        var result = await queue.Store.EnqueueAsync(queue.Request(snapshot, startFrom: "tiny from scratch"));

        Assert.False(result.Joined);
        var job = result.Job;
        Assert.Equal(JobState.Queued, job.State);
        Assert.Equal("root", job.RequestedByName);
        Assert.Equal(queue.Clock.GetUtcNow(), job.RequestedAt);
        Assert.Equal(3, job.VerseCount);
        Assert.Equal(DatasetSnapshot.Hash(snapshot), job.SnapshotHash);
        Assert.Equal("tiny from scratch", job.StartFrom);
        Assert.Equal(TrainingSettings.ForPreset(RetrainPreset.Scratch), job.Settings);
        Assert.Equal(snapshot.OrderBy(v => v.VerseId), await queue.Store.SnapshotAsync(job.Id));
        var queued = Assert.Single(result.Events);
        Assert.Equal((job.Id, 1L, JobEventKind.State, JobState.Queued), (queued.JobId, queued.Sequence, queued.Data.Kind, queued.Data.State));
        Assert.Equal(result.Events, await queue.Store.EventsAsync(job.Id, after: 0));
    }

    [Fact]
    public async Task AnIdenticalRequestJoinsTheQueuedJobWithoutEvents()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var first = await queue.Store.EnqueueAsync(queue.Request(TrainingQueue.Verses(1, 2)));

        var second = await queue.Store.EnqueueAsync(queue.Request(TrainingQueue.Verses(2, 1)));

        Assert.True(second.Joined);
        Assert.Equal(first.Job.Id, second.Job.Id);
        Assert.Empty(second.Events);
        Assert.Single(await queue.Store.ListAsync());
        Assert.Single(await queue.Store.EventsAsync(first.Job.Id, after: 0));
    }

    [Fact]
    public async Task AnIdenticalRequestJoinsTheRunningJob()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var first = await queue.EnqueueAsync(1, 2);
        await queue.ClaimAsync("worker-a");

        var second = await queue.Store.EnqueueAsync(queue.Request(TrainingQueue.Verses(1, 2)));

        Assert.True(second.Joined);
        Assert.Equal(first.Id, second.Job.Id);
        Assert.Equal(JobState.Running, second.Job.State);
    }

    [Fact]
    public async Task OtherSettingsAnotherStartOrAnotherSnapshotQueueNewJobs()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var first = await queue.EnqueueAsync(1, 2);
        var settings = TrainingSettings.ForPreset(RetrainPreset.Scratch) with { Epochs = 7 };

        var otherSettings = await queue.Store.EnqueueAsync(queue.Request(TrainingQueue.Verses(1, 2), settings));
        var otherStart = await queue.Store.EnqueueAsync(queue.Request(TrainingQueue.Verses(1, 2), startFrom: "job 9's model"));
        var otherSnapshot = await queue.Store.EnqueueAsync(queue.Request(TrainingQueue.Verses(1, 2, 3)));

        Assert.All([otherSettings, otherStart, otherSnapshot], r => Assert.False(r.Joined));
        Assert.Equal(4, new[] { first.Id, otherSettings.Job.Id, otherStart.Job.Id, otherSnapshot.Job.Id }.Distinct().Count());
        Assert.Equal(7, otherSettings.Job.Settings.Epochs);
    }

    [Fact]
    public async Task AnIdenticalRequestAfterTheJobFinishedQueuesANewOne()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var first = await queue.EnqueueAsync(1, 2);
        await queue.Store.CancelAsync(first.Id);

        var again = await queue.Store.EnqueueAsync(queue.Request(TrainingQueue.Verses(1, 2)));

        Assert.False(again.Joined);
        Assert.NotEqual(first.Id, again.Job.Id);
    }

    [Fact]
    public async Task AnEmptySnapshotOrInvalidSettingsAreRefused()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var invalid = TrainingSettings.ForPreset(RetrainPreset.Scratch) with { BatchSize = 0 };

        await Assert.ThrowsAsync<ArgumentException>(() => queue.Store.EnqueueAsync(queue.Request([])));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => queue.Store.EnqueueAsync(queue.Request(TrainingQueue.Verses(1), invalid)));
        Assert.Contains("Batch size", error.Message);
        Assert.Empty(await queue.Store.ListAsync());
    }

    [Fact]
    public async Task LastRequestedAtIsTheNewestRequestTime()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        Assert.Null(await queue.Store.LastRequestedAtAsync());

        await queue.EnqueueAsync(1);
        queue.Clock.Advance(TimeSpan.FromHours(3));
        await queue.EnqueueAsync(2);

        Assert.Equal(queue.Clock.GetUtcNow(), await queue.Store.LastRequestedAtAsync());
    }
}
