using Portal.Core.Training;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Training;

/// <summary>A portal that stops mid-job resumes the job from its checkpoint when it starts again on the same data.</summary>
[Collection(TrainingRuns.Name)]
public sealed class TrainingRestartTests
{
    private const int MaxSteps = 60;

    [Fact]
    public async Task AJobRunningWhenThePortalStopsResumesAfterARestartAndFinishes()
    {
        using var data = new TempDirectory();
        // A lease far longer than the test may wait: only releasing the portal's own leases at start-up lets the
        // restarted portal take the job up again in time.
        var settings = new Dictionary<string, string> { ["Portal:Training:LeaseSeconds"] = "3600" };
        var setup = TrainingPortal.Setup(more: settings) with { DataDirectory = data.Path };

        long jobId;
        await using (var first = new PortalFactory { Setup = setup with { Services = HeldCompletionChannel.Install } })
        {
            using var admin = first.CreateAdminClient();
            await admin.AddVersesAsync(1, 2, 3, 4);
            jobId = (await admin.QueueAsync(TinyJob.Settings(maxSteps: MaxSteps))).Id;
            await first.CheckpointAsync(jobId);
        }

        await using var second = new PortalFactory { Setup = setup };
        var job = await second.FinishedAsync(jobId);

        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(2, job.Attempts);
        Assert.Equal(MaxSteps, job.Metrics!.Steps);
        using var client = second.CreateAdminClient();
        var states = (await client.GetEventsAsync(jobId)).Where(e => e.Data.Kind == JobEventKind.State).Select(e => e.Data.State).ToList();
        Assert.Equal(new JobState?[] { JobState.Queued, JobState.Running, JobState.Running, JobState.Succeeded }, states);
    }
}
