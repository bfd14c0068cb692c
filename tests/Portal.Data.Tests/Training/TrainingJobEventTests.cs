using Portal.Core.Training;

namespace Portal.Data.Tests.Training;

public sealed class TrainingJobEventTests
{
    private static JobProgress Step(int step) => new(step, 100, 0.1 * step, 3.5 - 0.01 * step, null, 1e-3, 900, step, 100 - step, IsEvaluation: false);

    [Fact]
    public async Task EventsAreNumberedFromOneWithoutGapsAcrossStateChangesAndAppends()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var job = await queue.EnqueueAsync(1, 2);
        var assignment = await queue.ClaimAsync("worker-a");

        var appended = await queue.Store.AppendAsync(assignment.Lease,
        [
            JobEventData.ProgressMade(Step(1)),
            JobEventData.Log("evaluating"),
            JobEventData.Probed(new JobProbe(1, "a verse about the sea", "waves on waves")),
        ]);
        var completed = await queue.Store.CompleteAsync(assignment.Lease, JobOutcome.Cancelled(), null);

        Assert.Equal([3L, 4L, 5L], appended!.Select(e => e.Sequence));
        Assert.Equal(6L, Assert.Single(completed!).Sequence);
        var stored = await queue.Store.EventsAsync(job.Id, after: 0);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], stored.Select(e => e.Sequence));
        Assert.Equal(
            [JobEventKind.State, JobEventKind.State, JobEventKind.Progress, JobEventKind.Log, JobEventKind.Probe, JobEventKind.State],
            stored.Select(e => e.Data.Kind));
        Assert.Equal(appended, stored.Skip(2).Take(3));
        Assert.Equal(6L, (await queue.JobAsync(job.Id)).LastSequence);
    }

    [Fact]
    public async Task EventsAfterNAreTheRestInOrderAndTakeLimitsThem()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var job = await queue.EnqueueAsync(1);
        var assignment = await queue.ClaimAsync("worker-a");
        await queue.Store.AppendAsync(assignment.Lease, Enumerable.Range(1, 5).Select(i => JobEventData.ProgressMade(Step(i))).ToList());

        var rest = await queue.Store.EventsAsync(job.Id, after: 4);
        var limited = await queue.Store.EventsAsync(job.Id, after: 2, take: 2);

        Assert.Equal([5L, 6L, 7L], rest.Select(e => e.Sequence));
        Assert.Equal([Step(3), Step(4), Step(5)], rest.Select(e => e.Data.Progress));
        Assert.Equal([3L, 4L], limited.Select(e => e.Sequence));
        Assert.Empty(await queue.Store.EventsAsync(job.Id, after: 7));
    }

    [Fact]
    public async Task EachJobNumbersItsOwnEvents()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var first = await queue.EnqueueAsync(1);
        var second = await queue.EnqueueAsync(2);

        Assert.Equal(1L, Assert.Single(await queue.Store.EventsAsync(first.Id, after: 0)).Sequence);
        Assert.Equal(1L, Assert.Single(await queue.Store.EventsAsync(second.Id, after: 0)).Sequence);
    }

    [Fact]
    public async Task AWorkerCannotAppendAStateChange()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var job = await queue.EnqueueAsync(1);
        var assignment = await queue.ClaimAsync("worker-a");

        await Assert.ThrowsAsync<ArgumentException>(() =>
            queue.Store.AppendAsync(assignment.Lease, [JobEventData.Log("fine"), JobEventData.StateChanged(JobState.Succeeded)]));

        Assert.Equal(2, (await queue.Store.EventsAsync(job.Id, after: 0)).Count);
        Assert.Equal(JobState.Running, (await queue.JobAsync(job.Id)).State);
    }
}
