using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Core.Training;
using Portal.Worker.Execution;
using Portal.Worker.Tests.Support;

namespace Portal.Worker.Tests.Loop;

public class WorkerLoopTests
{
    /// <summary>Long enough that only a stop ends it.</summary>
    private static readonly TrainingSettings Endless = TinyJobs.Settings with { MaxSteps = 100_000, EvalInterval = 1_000 };

    private static WorkerLoop Loop(FakeJobChannel channel, WorkerWakeup? wakeup = null, TimeSpan? poll = null) => new(
        channel,
        // Every step reported, so that the tests can check that none is lost or reordered on its way.
        new JobExecutor(NullLogger<JobExecutor>.Instance, stepReportInterval: TimeSpan.Zero),
        Options.Create(new WorkerOptions
        {
            WorkerId = "test-worker",
            PollInterval = poll ?? TimeSpan.FromMilliseconds(20),
            HeartbeatInterval = TimeSpan.FromMilliseconds(20),
            RetryDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        }),
        NullLogger<WorkerLoop>.Instance,
        wakeup);

    [Fact]
    public async Task AnIdleWorkerWokenByANewJobStartsItWithoutWaitingForItsNextPoll()
    {
        using var folder = new TempFolder();
        var channel = new FakeJobChannel(folder.Path);
        var wakeup = new WorkerWakeup();
        using var stop = new CancellationTokenSource();
        var running = Loop(channel, wakeup, poll: TimeSpan.FromHours(1)).RunAsync(stop.Token);
        await channel.Idle.Guarded();

        channel.Enqueue(TinyJobs.Job(id: 12));
        wakeup.Wake();
        await channel.Completed.Guarded();
        await stop.CancelAsync();
        await running.Guarded();

        Assert.Equal(12, Assert.Single(channel.CompletedJobs).JobId);
    }

    [Fact]
    public async Task ClaimsTrainsReportsEverythingInOrderAndCompletesThroughNetworkErrors()
    {
        using var folder = new TempFolder();
        var channel = new FakeJobChannel(folder.Path) { FailingReports = 2, FailingHeartbeats = 2 };
        channel.Enqueue(TinyJobs.Job(id: 7));
        using var stop = new CancellationTokenSource();

        var running = Loop(channel).RunAsync(stop.Token);
        await channel.Completed.Guarded();
        await stop.CancelAsync();
        await running.Guarded();

        var (jobId, outcome) = Assert.Single(channel.CompletedJobs);
        Assert.Equal(7, jobId);
        Assert.Equal(JobState.Succeeded, outcome.State);
        var steps = channel.Events.Where(e => e.Progress is { IsEvaluation: false }).Select(e => e.Progress!.Step);
        Assert.Equal(Enumerable.Range(1, 20), steps);
        Assert.StartsWith("Finished 20 steps", channel.Events.Last(e => e.Kind == JobEventKind.Log).Message);
        Assert.All(channel.Reports, batch => Assert.InRange(batch.Count, 1, 200));
        Assert.InRange(channel.CheckpointNotices, 1, 5);
        Assert.True(File.Exists(Path.Combine(channel.FilesOf(7).CandidateDirectory, "model.safetensors")));
    }

    [Fact]
    public async Task ACancelFromTheHeartbeatEndsTheJobCancelledWithItsCheckpoint()
    {
        using var folder = new TempFolder();
        var channel = new FakeJobChannel(folder.Path) { Lease = step => step >= 3 ? LeaseStatus.CancelRequested : LeaseStatus.Active };
        channel.Enqueue(TinyJobs.Job(id: 8, settings: Endless));
        using var stop = new CancellationTokenSource();

        var running = Loop(channel).RunAsync(stop.Token);
        await channel.Completed.Guarded();
        await stop.CancelAsync();
        await running.Guarded();

        var outcome = Assert.Single(channel.CompletedJobs).Outcome;
        Assert.Equal(JobState.Cancelled, outcome.State);
        Assert.InRange(outcome.Metrics!.Steps, 3, 99_999);
        Assert.True(File.Exists(Path.Combine(channel.FilesOf(8).RunDirectory, "checkpoint.ckpt")));
        Assert.True(channel.CheckpointNotices >= 1, "the checkpoint kept on cancel is sent before the job ends");
    }

    [Fact]
    public async Task ALostLeaseStopsTrainingAndReportsNothingMore()
    {
        using var folder = new TempFolder();
        var channel = new FakeJobChannel(folder.Path) { Lease = step => step >= 3 ? LeaseStatus.Lost : LeaseStatus.Active };
        channel.Enqueue(TinyJobs.Job(id: 9, settings: Endless));
        using var stop = new CancellationTokenSource();

        var running = Loop(channel).RunAsync(stop.Token);
        // The loop claims again only once it is through with the lost job.
        await channel.Idle.Guarded();
        await stop.CancelAsync();
        await running.Guarded();

        Assert.Empty(channel.CompletedJobs);
        Assert.InRange(channel.MaxStep, 3, 99_999);
        Assert.True(File.Exists(Path.Combine(channel.FilesOf(9).RunDirectory, "checkpoint.ckpt")));
    }

    [Fact]
    public async Task StoppingTheWorkerLeavesTheJobRunningWithACheckpointToResumeFrom()
    {
        using var folder = new TempFolder();
        var channel = new FakeJobChannel(folder.Path);
        channel.Enqueue(TinyJobs.Job(id: 10, settings: Endless));
        using var stop = new CancellationTokenSource();
        channel.OnStep = step =>
        {
            if (step >= 3) stop.Cancel();
        };

        await Loop(channel).RunAsync(stop.Token).Guarded();

        Assert.Empty(channel.CompletedJobs);
        var checkpoint = Path.Combine(channel.FilesOf(10).RunDirectory, "checkpoint.ckpt");
        Assert.True(File.Exists(checkpoint));
        Assert.Equal(channel.MaxStep, Portal.Ml.Training.TrainingCheckpoint.ReadState(checkpoint).Step);
        Assert.True(channel.CheckpointNotices >= 1, "the checkpoint kept on stop is sent before the worker exits");
    }

    [Fact]
    public async Task AJobThatBreaksDoesNotStopTheLoop()
    {
        using var folder = new TempFolder();
        var channel = new FakeJobChannel(folder.Path);
        channel.PrepareFailures[11] = new InvalidOperationException("the disk is read-only");
        channel.Enqueue(TinyJobs.Job(id: 11));
        channel.Enqueue(TinyJobs.Job(id: 12));
        using var stop = new CancellationTokenSource();

        var running = Loop(channel).RunAsync(stop.Token);
        await channel.Idle.Guarded();
        await stop.CancelAsync();
        await running.Guarded();

        Assert.Collection(channel.CompletedJobs,
            first =>
            {
                Assert.Equal(11, first.JobId);
                Assert.Equal(JobState.Failed, first.Outcome.State);
                Assert.Equal("The job's files could not be fetched: the disk is read-only", first.Outcome.FailureReason);
            },
            second =>
            {
                Assert.Equal(12, second.JobId);
                Assert.Equal(JobState.Succeeded, second.Outcome.State);
            });
    }
}
