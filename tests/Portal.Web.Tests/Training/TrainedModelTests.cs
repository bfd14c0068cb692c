using System.Net;
using Portal.Core.Training;
using Portal.Ml.Model;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Training;

/// <summary>What a finished job leaves behind, and what Quick does once there is a current model.</summary>
[Collection(TrainingRuns.Name)]
public sealed class TrainedModelTests(TrainedPortal trained) : IClassFixture<TrainedPortal>
{
    [Fact]
    public async Task ASucceededJobHasItsMetricsChecklistAndCandidateModel()
    {
        using var admin = trained.Portal.CreateAdminClient();

        var job = await admin.GetJobAsync(trained.Job.Id);

        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(TrainedPortal.MaxSteps, job.Metrics!.Steps);
        Assert.NotNull(job.Metrics.FinalLoss);
        Assert.Equal(
            new[] { RetrainChecklist.LossDropped, RetrainChecklist.NoForgetting, RetrainChecklist.ProbesSound, RetrainChecklist.BestNotEarly },
            job.Checklist.Select(c => c.Key));
        Assert.Equal($"models/job-{job.Id}", job.CandidatePath);
        Assert.True(HfCheckpoint.IsModelFolder(Path.Combine(trained.Portal.DataDirectory, job.CandidatePath!)));
        Assert.Equal(4, job.VerseCount);
        Assert.Null(job.FailureReason);
    }

    [Fact]
    public async Task QuickContinuesTheCurrentModelOnlyWhenSomethingIsNew()
    {
        using var admin = trained.Portal.CreateAdminClient();

        using (var nothingNew = await admin.PostJobAsync(new { preset = "Quick" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, nothingNew.StatusCode);
            var problem = await nothingNew.ReadProblemAsync();
            Assert.Contains($"Nothing new since job {trained.Job.Id}'s model", problem.GetProperty("detail").GetString());
        }

        await admin.AddVersesAsync(5);
        var quick = await admin.QueueAsync(new { preset = "Quick" });
        var job = await admin.GetJobAsync(quick.Id);

        Assert.Equal($"job {trained.Job.Id}'s model", quick.StartFrom);
        Assert.Equal(JobStartMode.Continue, job.Settings.StartMode);
        Assert.Equal(trained.Job.Id, job.PreviousJobId);
        // The new verse and, with a replay ratio of 1, one verse the model already knew.
        Assert.Equal(2, job.VerseCount);
    }
}
