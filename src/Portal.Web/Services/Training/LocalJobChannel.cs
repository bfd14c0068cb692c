using Portal.Core.Training;
using Portal.Worker;

namespace Portal.Web.Services.Training;

/// <summary>
/// The in-portal worker's way to the queue: the store directly, and the data directory's own folders as the job's
/// files, so nothing is copied. A checkpoint is already where the next attempt looks for it.
/// </summary>
public sealed class LocalJobChannel(TrainingJobService jobs, JobFileLayout layout) : ITrainingJobChannel
{
    public Task<JobAssignment?> ClaimAsync(string workerId, CancellationToken cancellationToken) =>
        jobs.ClaimAsync(workerId, cancellationToken);

    public async Task<JobFiles> PrepareFilesAsync(JobAssignment job, CancellationToken cancellationToken)
    {
        var files = await layout.ForAsync(job, cancellationToken);
        Directory.CreateDirectory(files.RunDirectory);
        return files;
    }

    public Task<LeaseStatus> HeartbeatAsync(JobLease lease, CancellationToken cancellationToken) =>
        jobs.HeartbeatAsync(lease, cancellationToken);

    public async Task ReportAsync(JobLease lease, IReadOnlyList<JobEventData> events, CancellationToken cancellationToken)
    {
        if (!await jobs.ReportAsync(lease, events, cancellationToken))
            throw new JobLeaseLostException(lease.JobId);
    }

    public Task CheckpointSavedAsync(JobLease lease, JobFiles files, CancellationToken cancellationToken) => Task.CompletedTask;

    // The trainer wrote the candidate straight into the job's models folder. A missing candidate has failed the job
    // already, with the reason: nothing for the worker to do.
    public async Task CompleteAsync(JobLease lease, JobFiles files, JobOutcome outcome, CancellationToken cancellationToken)
    {
        if (await jobs.CompleteAsync(lease, outcome, cancellationToken) == CompletionResult.LeaseLost)
            throw new JobLeaseLostException(lease.JobId);
    }
}
