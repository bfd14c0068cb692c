using System.Net;
using Microsoft.Data.Sqlite;
using Portal.Core.Training;
using Portal.Ml.Training;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Faults.Training;

/// <summary>
/// The runs folder on a small tmpfs that fills up after the first checkpoint: the job fails saying where the space
/// ran out, the checkpoint before it stays whole, and the portal, its database and the next job carry on.
/// </summary>
[Collection(TrainingRuns.Name)]
public sealed class DiskFullTests
{
    [Fact]
    public async Task ADiskThatFillsUpDuringACheckpointFailsTheJobClearlyAndLosesNothingEarlier()
    {
        using var data = new TempDirectory();
        var runs = Path.Combine(data.Path, "runs");
        await using var portal = await FaultPortal.StartAsync(data.Path);
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2, 3, 4);
        var verses = await admin.ListVersesAsync();

        long failedJobId;
        using (var disk = TmpfsMount.Over(runs, 256L * 1024 * 1024))
        {
            failedJobId = (await admin.QueueAsync(FaultPortal.FrequentCheckpoints(maxSteps: 5000, evalInterval: 20))).Id;
            var run = FaultPortal.RunFolder(data.Path, failedJobId);
            var checkpoint = Path.Combine(run, "checkpoint.ckpt");
            await FaultPortal.UntilAsync(
                () => File.Exists(checkpoint) && File.Exists(Path.Combine(run, "best.ckpt")) && File.Exists(Path.Combine(run, "run-metrics.json")),
                "the first checkpoint", portal);
            // The first checkpoint fitted; now the disk keeps only half a checkpoint's room, so the next one cannot.
            disk.Resize(disk.UsedBytes + new FileInfo(checkpoint).Length / 2);

            var job = await admin.FinishedAsync(failedJobId, portal);

            Assert.True(job.State == JobState.Failed, $"The job ended {job.State}: {job.FailureReason}");
            Assert.StartsWith("No space left on device while writing the checkpoint of step ", job.FailureReason);
            Assert.Contains($"free space in {run} (", job.FailureReason);
            var failedStep = int.Parse(job.FailureReason!["No space left on device while writing the checkpoint of step ".Length..].Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(failedStep > 0, job.FailureReason);
            Assert.Contains($"Failed: {job.FailureReason}", await admin.LogLinesAsync(failedJobId));

            // What was written before the full disk is whole: its checksum matches and it is from an earlier step.
            Assert.True(TrainingCheckpoint.ReadState(checkpoint).Step < failedStep);
            TrainingCheckpoint.ReadState(Path.Combine(run, "best.ckpt"));
            Assert.Empty(Directory.GetFiles(run, "*.tmp"));
        }

        // The portal, its database and the library are untouched.
        Assert.False(portal.HasExited);
        using (var health = await admin.GetAsync("/healthz"))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(verses.Select(v => (v.Id, v.Prompt, v.Lyrics)), (await admin.ListVersesAsync()).Select(v => (v.Id, v.Prompt, v.Lyrics)));
        Assert.Equal("ok", IntegrityCheck(Path.Combine(data.Path, "portal.db")));

        // With room again, the next job trains to the end.
        var next = await admin.QueueAsync(FaultPortal.FrequentCheckpoints(maxSteps: 20, seed: 7));
        var finished = await admin.FinishedAsync(next.Id, portal);
        Assert.True(finished.State == JobState.Succeeded, $"The next job ended {finished.State}: {finished.FailureReason}");
        Assert.Equal(JobState.Failed, (await admin.GetJobAsync(failedJobId)).State);
    }

    private static string IntegrityCheck(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }
}
