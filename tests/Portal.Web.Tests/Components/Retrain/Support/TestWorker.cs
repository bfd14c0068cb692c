using Portal.Core.Training;
using Portal.Web.Services.Training;

namespace Portal.Web.Tests.Components.Retrain.Support;

/// <summary>
/// Plays a training worker through the job service, as the in-portal worker does: what it reports is stored,
/// numbered and broadcast to the pages exactly as in production.
/// </summary>
public sealed class TestWorker(TrainingJobService jobs, TrainingFolders folders)
{
    public const string WorkerId = "test-worker";

    public async Task<JobLease> ClaimAsync()
    {
        var assignment = await jobs.ClaimAsync(WorkerId);
        Assert.NotNull(assignment);
        return assignment.Lease;
    }

    public async Task ReportAsync(JobLease lease, params JobEventData[] events) => Assert.True(await jobs.ReportAsync(lease, events));

    public static JobEventData Step(int step, double trainLoss, int maxSteps = 40) =>
        JobEventData.ProgressMade(new JobProgress(step, maxSteps, step / 10.0, trainLoss, null, 1e-3, 5000, step * 0.5, (maxSteps - step) * 0.5, IsEvaluation: false));

    public static JobEventData Evaluation(int step, double trainLoss, double validationLoss, int maxSteps = 40) =>
        JobEventData.ProgressMade(new JobProgress(step, maxSteps, step / 10.0, trainLoss, validationLoss, 1e-3, 0, step * 0.5, (maxSteps - step) * 0.5, IsEvaluation: true));

    /// <summary>
    /// Ends the job as a success. The service accepts one only with the candidate's files in place; the pages never
    /// read them, so empty stand-ins do.
    /// </summary>
    public async Task SucceedAsync(JobLease lease, JobMetrics metrics)
    {
        var candidate = folders.CandidateDirectory(lease.JobId);
        Directory.CreateDirectory(candidate);
        await File.WriteAllTextAsync(Path.Combine(candidate, "config.json"), "{}");
        await File.WriteAllBytesAsync(Path.Combine(candidate, "model.safetensors"), []);
        Assert.Equal(CompletionResult.Completed, await jobs.CompleteAsync(lease, JobOutcome.Succeeded(metrics)));
    }

    public async Task FailAsync(JobLease lease, string reason) =>
        Assert.Equal(CompletionResult.Completed, await jobs.CompleteAsync(lease, JobOutcome.Failed(reason)));
}
