using Portal.Core.Training;

namespace Portal.Data.Tests.Training;

public sealed class TrainingJobClaimTests
{
    [Fact]
    public async Task TheOldestQueuedJobIsClaimedFirstAndRunsWithALease()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var older = await queue.EnqueueAsync(1);
        await queue.EnqueueAsync(2);

        var claim = await queue.Store.ClaimAsync("worker-a", TrainingQueue.Lease);

        Assert.NotNull(claim.Assignment);
        Assert.Equal(older.Id, claim.Assignment.JobId);
        Assert.Equal(1, claim.Assignment.Attempt);
        var running = Assert.Single(claim.Events);
        Assert.Equal((2L, JobState.Running), (running.Sequence, running.Data.State));
        var job = await queue.JobAsync(older.Id);
        Assert.Equal(JobState.Running, job.State);
        Assert.Equal("worker-a", job.WorkerId);
        Assert.Equal(queue.Clock.GetUtcNow(), job.StartedAt);
        Assert.Equal(1, job.Attempts);
    }

    [Fact]
    public async Task TheAssignmentCarriesTheSnapshotInIdOrderTheSettingsAndTheProbes()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var settings = TrainingSettings.ForPreset(RetrainPreset.Scratch) with { Seed = 7 };
        await queue.Store.EnqueueAsync(queue.Request(TrainingQueue.Verses(5, 2, 9), settings));

        var assignment = await queue.ClaimAsync("worker-a");

        Assert.Equal(TrainingQueue.Verses(2, 5, 9), assignment.Verses);
        Assert.Equal(settings, assignment.Settings);
        Assert.Equal(TrainingQueue.Probes, assignment.ProbePrompts);
        Assert.Empty(assignment.KnownVerses);
        Assert.Null(assignment.PreviousJobId);
    }

    [Fact]
    public async Task ASecondClaimWhileTheLeaseIsValidGetsNothing()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        await queue.EnqueueAsync(1);
        await queue.ClaimAsync("worker-a");

        queue.Clock.Advance(TrainingQueue.Lease - TimeSpan.FromSeconds(1));

        Assert.Null((await queue.Store.ClaimAsync("worker-b", TrainingQueue.Lease)).Assignment);
    }

    [Fact]
    public async Task AHeartbeatExtendsTheLease()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        await queue.EnqueueAsync(1);
        var assignment = await queue.ClaimAsync("worker-a");
        queue.Clock.Advance(TrainingQueue.Lease - TimeSpan.FromSeconds(10));

        Assert.Equal(LeaseStatus.Active, await queue.Store.HeartbeatAsync(assignment.Lease, TrainingQueue.Lease));
        queue.Clock.Advance(TimeSpan.FromSeconds(20));

        // Past the first lease's end, inside the extended one.
        Assert.Null((await queue.Store.ClaimAsync("worker-b", TrainingQueue.Lease)).Assignment);
        queue.Clock.Advance(TrainingQueue.Lease);
        Assert.Equal(assignment.JobId, (await queue.ClaimAsync("worker-b")).JobId);
    }

    [Fact]
    public async Task AnExpiredRunningJobIsResumedBeforeAQueuedOne()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var first = await queue.EnqueueAsync(1);
        var started = queue.Clock.GetUtcNow();
        await queue.ClaimAsync("worker-a");
        await queue.EnqueueAsync(2);
        queue.Clock.Advance(TrainingQueue.PastLease);

        var claim = await queue.Store.ClaimAsync("worker-b", TrainingQueue.Lease);

        Assert.NotNull(claim.Assignment);
        Assert.Equal(first.Id, claim.Assignment.JobId);
        Assert.Equal(2, claim.Assignment.Attempt);
        var resumed = Assert.Single(claim.Events);
        Assert.Equal(JobState.Running, resumed.Data.State);
        Assert.Contains("worker-b (attempt 2)", resumed.Data.Message);
        var job = await queue.JobAsync(first.Id);
        Assert.Equal(started, job.StartedAt);
        Assert.Equal("worker-b", job.WorkerId);
        Assert.Equal(2, job.Attempts);
    }

    [Fact]
    public async Task AReclaimedJobVoidsTheOldLease()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        await queue.EnqueueAsync(1);
        var old = await queue.ClaimAsync("worker-a");
        queue.Clock.Advance(TrainingQueue.PastLease);
        var current = await queue.ClaimAsync("worker-b");
        var eventsBefore = await queue.Store.EventsAsync(old.JobId, after: 0);

        Assert.NotEqual(old.Lease.LeaseId, current.Lease.LeaseId);
        Assert.Equal(LeaseStatus.Lost, await queue.Store.HeartbeatAsync(old.Lease, TrainingQueue.Lease));
        Assert.False(await queue.Store.IsLeaseCurrentAsync(old.Lease));
        Assert.Null(await queue.Store.AppendAsync(old.Lease, [JobEventData.Log("late line")]));
        Assert.Null(await queue.Store.CompleteAsync(old.Lease, JobOutcome.Failed("late failure"), null));
        Assert.True(await queue.Store.IsLeaseCurrentAsync(current.Lease));
        Assert.Equal(eventsBefore, await queue.Store.EventsAsync(old.JobId, after: 0));
        Assert.Equal(JobState.Running, (await queue.JobAsync(old.JobId)).State);
    }

    [Fact]
    public async Task AnExpiredLeaseStaysCurrentUntilAnotherWorkerClaims()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        await queue.EnqueueAsync(1);
        var assignment = await queue.ClaimAsync("worker-a");
        queue.Clock.Advance(TrainingQueue.PastLease);

        Assert.True(await queue.Store.IsLeaseCurrentAsync(assignment.Lease));
        Assert.Equal(LeaseStatus.Active, await queue.Store.HeartbeatAsync(assignment.Lease, TrainingQueue.Lease));
        Assert.Null((await queue.Store.ClaimAsync("worker-b", TrainingQueue.Lease)).Assignment);
    }

    [Fact]
    public async Task ReleasingAWorkersLeasesMakesItsJobsClaimableAtOnce()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var job = await queue.EnqueueAsync(1);
        await queue.ClaimAsync("portal");

        await queue.Store.ReleaseLeasesAsync("someone-else");
        Assert.Null((await queue.Store.ClaimAsync("portal-restarted", TrainingQueue.Lease)).Assignment);

        await queue.Store.ReleaseLeasesAsync("portal");
        var resumed = await queue.ClaimAsync("portal-restarted");
        Assert.Equal((job.Id, 2), (resumed.JobId, resumed.Attempt));
    }

    [Fact]
    public async Task AnEmptyQueueHasNothingToClaim()
    {
        await using var queue = await TrainingQueue.CreateAsync();

        Assert.Null((await queue.Store.ClaimAsync("worker-a", TrainingQueue.Lease)).Assignment);
    }
}
