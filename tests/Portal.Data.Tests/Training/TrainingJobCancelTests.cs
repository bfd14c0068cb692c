using Portal.Core.Training;

namespace Portal.Data.Tests.Training;

public sealed class TrainingJobCancelTests
{
    [Fact]
    public async Task AQueuedJobIsCancelledAtOnce()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var queued = await queue.EnqueueAsync(1);

        var result = await queue.Store.CancelAsync(queued.Id);

        Assert.Equal(JobState.Cancelled, result.Job?.State);
        Assert.Equal(queue.Clock.GetUtcNow(), result.Job?.FinishedAt);
        var cancelled = Assert.Single(result.Events);
        Assert.Equal((2L, JobState.Cancelled), (cancelled.Sequence, cancelled.Data.State));
        Assert.Null((await queue.Store.ClaimAsync("worker-a", TrainingQueue.Lease)).Assignment);
    }

    [Fact]
    public async Task ARunningJobIsAskedToStopAndEndsWhenItsWorkerReportsCancelled()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var queued = await queue.EnqueueAsync(1);
        var assignment = await queue.ClaimAsync("worker-a");

        var result = await queue.Store.CancelAsync(queued.Id);

        Assert.Equal(JobState.Running, result.Job?.State);
        Assert.True(result.Job?.CancelRequested);
        var requested = Assert.Single(result.Events);
        Assert.Equal(JobEventKind.Log, requested.Data.Kind);
        Assert.Equal(LeaseStatus.CancelRequested, await queue.Store.HeartbeatAsync(assignment.Lease, TrainingQueue.Lease));

        var ended = await queue.Store.CompleteAsync(assignment.Lease, JobOutcome.Cancelled(), null);

        Assert.Equal(JobState.Cancelled, Assert.Single(ended!).Data.State);
        Assert.Equal(JobState.Cancelled, (await queue.JobAsync(queued.Id)).State);
    }

    [Fact]
    public async Task CancellingAFinishedJobChangesNothing()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var queued = await queue.EnqueueAsync(1);
        var assignment = await queue.ClaimAsync("worker-a");
        await queue.Store.CompleteAsync(assignment.Lease, JobOutcome.Failed("broken"), null);

        var result = await queue.Store.CancelAsync(queued.Id);

        Assert.Equal(JobState.Failed, result.Job?.State);
        Assert.Empty(result.Events);
        Assert.Equal(3, (await queue.Store.EventsAsync(queued.Id, after: 0)).Count);
    }

    [Fact]
    public async Task CancellingAnUnknownJobFindsNothing()
    {
        await using var queue = await TrainingQueue.CreateAsync();

        var result = await queue.Store.CancelAsync(404);

        Assert.Null(result.Job);
        Assert.Empty(result.Events);
    }

    [Fact]
    public async Task AnAbandonedJobWhoseCancelWasRequestedEndsCancelledInsteadOfResuming()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var abandoned = await queue.EnqueueAsync(1);
        await queue.ClaimAsync("worker-a");
        await queue.Store.CancelAsync(abandoned.Id);
        var next = await queue.EnqueueAsync(2);
        queue.Clock.Advance(TrainingQueue.PastLease);

        var claim = await queue.Store.ClaimAsync("worker-b", TrainingQueue.Lease);

        Assert.Equal(next.Id, claim.Assignment?.JobId);
        var job = await queue.JobAsync(abandoned.Id);
        Assert.Equal(JobState.Cancelled, job.State);
        Assert.Equal(1, job.Attempts);
        var last = (await queue.Store.EventsAsync(abandoned.Id, after: 0))[^1];
        Assert.Equal(JobState.Cancelled, last.Data.State);
        Assert.Contains(last, claim.Events);
    }

    [Fact]
    public async Task EndingAnAbandonedCancelledJobIsReportedEvenWhenNothingIsClaimed()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var abandoned = await queue.EnqueueAsync(1);
        await queue.ClaimAsync("worker-a");
        await queue.Store.CancelAsync(abandoned.Id);
        queue.Clock.Advance(TrainingQueue.PastLease);

        var claim = await queue.Store.ClaimAsync("worker-b", TrainingQueue.Lease);

        Assert.Null(claim.Assignment);
        var cancelled = Assert.Single(claim.Events);
        Assert.Equal(abandoned.Id, cancelled.JobId);
        Assert.Equal(JobState.Cancelled, cancelled.Data.State);
    }
}
