using Portal.Core.Training;

namespace Portal.Web.Services.Training;

/// <summary>A job's folders in the data directory: what the in-portal worker uses directly and a remote worker downloads.</summary>
public sealed class JobFileLayout(TrainingFolders folders, ITrainingJobStore store)
{
    public async Task<JobFiles> ForAsync(long jobId, TrainingSettings settings, long? previousJobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var previous = previousJobId is { } id ? folders.CompleteCandidate(await store.FindAsync(id, cancellationToken)) : null;
        // A missing start folder is passed on as null: the engine then says what is missing, and the job fails with it.
        var start = settings.StartMode switch
        {
            JobStartMode.Base => folders.BaseModelDirectory(settings.BaseModel),
            JobStartMode.Continue => previous,
            _ => null,
        };
        return new JobFiles(folders.RunDirectory(jobId), folders.CandidateDirectory(jobId), start, previous);
    }

    public Task<JobFiles> ForAsync(JobAssignment job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return ForAsync(job.JobId, job.Settings, job.PreviousJobId, cancellationToken);
    }
}
