using Portal.Core.Training;

namespace Portal.Data.Tests.Training;

public sealed class TrainingJobCompletionTests
{
    private static readonly JobMetrics Metrics = new()
    {
        Steps = 100,
        MaxSteps = 100,
        StopReason = "Completed",
        ElapsedSeconds = 42,
        TokensPerSecond = 1200,
        InitialLoss = 4.1,
        FinalLoss = 2.9,
        BestValidationLoss = 2.9,
        BestStep = 90,
        KnownVersesLossBefore = 2.0,
        KnownVersesLossAfter = 2.5,
        KnownVerseCount = 64,
        Probes = [new ProbePair("a verse about the sea", "", "waves roll in\nthe tide turns")],
    };

    [Fact]
    public async Task ASuccessStoresMetricsChecklistAndCandidateAndEndsTheLease()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var queued = await queue.EnqueueAsync(1);
        var assignment = await queue.ClaimAsync("worker-a");
        queue.Clock.Advance(TimeSpan.FromMinutes(1));

        var events = await queue.Store.CompleteAsync(assignment.Lease, JobOutcome.Succeeded(Metrics), "models/job-1");

        var done = Assert.Single(events!);
        Assert.Equal((JobEventKind.State, JobState.Succeeded), (done.Data.Kind, done.Data.State));
        var job = await queue.JobAsync(queued.Id);
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(queue.Clock.GetUtcNow(), job.FinishedAt);
        Assert.Equal("models/job-1", job.CandidatePath);
        Assert.Null(job.FailureReason);
        // Records compare lists by reference: compare the probes by content, then everything else.
        Assert.Equal(Metrics.Probes, job.Metrics!.Probes);
        Assert.Equal(Metrics, job.Metrics with { Probes = Metrics.Probes });
        Assert.Equal(RetrainChecklist.Evaluate(Metrics), job.Checklist);
        // The forgetting check fails on these figures (+25%): the stored checklist is computed, not assumed.
        Assert.False(job.Checklist.Single(i => i.Key == RetrainChecklist.NoForgetting).Passed);
        Assert.False(await queue.Store.IsLeaseCurrentAsync(assignment.Lease));
        Assert.Equal(LeaseStatus.Lost, await queue.Store.HeartbeatAsync(assignment.Lease, TrainingQueue.Lease));
    }

    [Fact]
    public async Task AFailureStoresTheReasonInTheJobAndItsEventAndNoCandidate()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var queued = await queue.EnqueueAsync(1);
        var assignment = await queue.ClaimAsync("worker-a");

        var events = await queue.Store.CompleteAsync(assignment.Lease, JobOutcome.Failed("Out of memory at step 12.", Metrics), "models/half-written");

        var failed = Assert.Single(events!);
        Assert.Equal((JobState.Failed, "Out of memory at step 12."), (failed.Data.State, failed.Data.Message));
        var job = await queue.JobAsync(queued.Id);
        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal("Out of memory at step 12.", job.FailureReason);
        Assert.Null(job.CandidatePath);
        Assert.Empty(job.Checklist);
        Assert.Equal(100, job.Metrics?.Steps);
    }

    [Fact]
    public async Task AnOutcomeThatIsNotFinalIsRefused()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var queued = await queue.EnqueueAsync(1);
        var assignment = await queue.ClaimAsync("worker-a");

        await Assert.ThrowsAsync<ArgumentException>(() => queue.Store.CompleteAsync(assignment.Lease, new JobOutcome(JobState.Running, null, null), null));

        Assert.Equal(JobState.Running, (await queue.JobAsync(queued.Id)).State);
    }

    [Fact]
    public async Task TheLatestSuccessIsTheNewestFinishedOneWithACandidate()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        Assert.Null(await queue.Store.LatestSucceededAsync());

        var older = await RunAsync(queue, 1, JobOutcome.Succeeded(Metrics), "models/1");
        var newer = await RunAsync(queue, 2, JobOutcome.Succeeded(Metrics), "models/2");
        await RunAsync(queue, 3, JobOutcome.Succeeded(Metrics), candidatePath: null);
        await RunAsync(queue, 4, JobOutcome.Failed("broken"), "models/4");

        Assert.NotEqual(older, newer);
        Assert.Equal(newer, (await queue.Store.LatestSucceededAsync())?.Id);
    }

    [Fact]
    public async Task TheListShowsActiveJobsThenTheNewestFinishedOnes()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var oldestDone = await RunAsync(queue, 1, JobOutcome.Succeeded(Metrics), "models/1");
        var newestDone = await RunAsync(queue, 2, JobOutcome.Cancelled(), null);
        var running = await queue.EnqueueAsync(3);
        await queue.ClaimAsync("worker-a");
        var queued = await queue.EnqueueAsync(4);

        var all = await queue.Store.ListAsync();
        var recent = await queue.Store.ListAsync(finished: 1);

        Assert.Equal([queued.Id, running.Id, newestDone, oldestDone], all.Select(j => j.Id));
        Assert.Equal([queued.Id, running.Id, newestDone], recent.Select(j => j.Id));
        Assert.All(all, j => Assert.Equal("root", j.RequestedByName));
    }

    private static async Task<long> RunAsync(TrainingQueue queue, int verseId, JobOutcome outcome, string? candidatePath)
    {
        await queue.EnqueueAsync(verseId);
        var assignment = await queue.ClaimAsync("worker-a");
        queue.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.NotNull(await queue.Store.CompleteAsync(assignment.Lease, outcome, candidatePath));
        return assignment.JobId;
    }
}
