using Portal.Core.Training;
using Portal.Ml.Training;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Faults.Training;

/// <summary>
/// The portal killed with SIGKILL (no shutdown code runs) while it writes a checkpoint, or finding its newest
/// checkpoint damaged after a restart: the job resumes from the last good checkpoint and ends as if nothing happened.
/// </summary>
[Collection(TrainingRuns.Name)]
public sealed class CheckpointKillTests
{
    private const int MaxSteps = 60;

    /// <summary>A kill can land just after a write finished; then the next checkpoint is tried, a few times at most.</summary>
    private const int KillAttempts = 5;

    [Fact]
    public async Task AKillDuringACheckpointWriteResumesFromTheLastGoodCheckpointAndFinishes()
    {
        using var data = new TempDirectory();
        long jobId;
        int lastGood;
        var killsBeforeOneLandedMidWrite = 0;
        var portal = await FaultPortal.StartAsync(data.Path);
        try
        {
            using (var admin = portal.CreateAdminClient())
            {
                await admin.AddVersesAsync(1, 2, 3, 4);
                jobId = (await admin.QueueAsync(FaultPortal.FrequentCheckpoints(MaxSteps))).Id;
            }
            var run = FaultPortal.RunFolder(data.Path, jobId);
            var checkpoint = Path.Combine(run, "checkpoint.ckpt");
            while (true)
            {
                // A write of a checkpoint after the first: there is a good one on disk that the write would replace.
                await FaultPortal.UntilAsync(() => File.Exists(checkpoint) && FaultPortal.CheckpointWritesIn(run).Length > 0, "a checkpoint write", portal);
                portal.Kill();
                if (FaultPortal.CheckpointWritesIn(run).Length > 0)
                    break;
                Assert.True(++killsBeforeOneLandedMidWrite < KillAttempts, $"{KillAttempts} kills in a row landed after the write had finished.");
                await portal.DisposeAsync();
                portal = await FaultPortal.StartAsync(data.Path);
            }
            lastGood = TrainingCheckpoint.ReadState(checkpoint).Step;
        }
        finally
        {
            await portal.DisposeAsync();
        }

        await using var restarted = await FaultPortal.StartAsync(data.Path);
        using var client = restarted.CreateAdminClient();
        var job = await client.FinishedAsync(jobId, restarted);

        Assert.True(job.State == JobState.Succeeded, $"The job ended {job.State}: {job.FailureReason}");
        Assert.Equal(MaxSteps, job.Metrics!.Steps);
        Assert.Equal(killsBeforeOneLandedMidWrite + 2, job.Attempts);
        var log = await client.LogLinesAsync(jobId);
        Assert.Contains($"Resuming from the checkpoint at step {lastGood} of {MaxSteps}.", log);
        Assert.Contains(log, l => l.StartsWith("Removed ", StringComparison.Ordinal) && l.Contains("unfinished file", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(FaultPortal.RunFolder(data.Path, jobId), "*.tmp"));
    }

    [Fact]
    public async Task ADamagedNewestCheckpointIsRefusedAfterARestartAndThePreviousOneIsUsed()
    {
        using var data = new TempDirectory();
        long jobId;
        string newest;
        int previousStep;
        await using (var portal = await FaultPortal.StartAsync(data.Path))
        {
            using var admin = portal.CreateAdminClient();
            await admin.AddVersesAsync(1, 2, 3, 4);
            jobId = (await admin.QueueAsync(FaultPortal.FrequentCheckpoints(MaxSteps))).Id;
            var run = FaultPortal.RunFolder(data.Path, jobId);
            newest = Path.Combine(run, "checkpoint.ckpt");
            await FaultPortal.UntilAsync(() => File.Exists(TrainingCheckpoint.PreviousPath(newest)), "a second checkpoint", portal);
            portal.Kill();
            previousStep = TrainingCheckpoint.ReadState(TrainingCheckpoint.PreviousPath(newest)).Step;
        }
        // Bit rot in the middle of the newest checkpoint: its size and header look fine.
        var bytes = await File.ReadAllBytesAsync(newest);
        bytes[bytes.Length / 2] ^= 0x08;
        await File.WriteAllBytesAsync(newest, bytes);

        await using var restarted = await FaultPortal.StartAsync(data.Path);
        using var client = restarted.CreateAdminClient();
        var job = await client.FinishedAsync(jobId, restarted);

        Assert.True(job.State == JobState.Succeeded, $"The job ended {job.State}: {job.FailureReason}");
        Assert.Equal(MaxSteps, job.Metrics!.Steps);
        var log = await client.LogLinesAsync(jobId);
        var refusal = Assert.Single(log, l => l.StartsWith("Refused a checkpoint:", StringComparison.Ordinal));
        Assert.Contains($"The checkpoint \"{newest}\" is damaged: its SHA-256 is", refusal);
        Assert.Contains($"Resuming from the previous checkpoint (checkpoint.previous.ckpt) at step {previousStep} of {MaxSteps}.", log);
        Assert.True(File.Exists(newest + ".damaged"));
    }
}
