using Portal.Core.Training;

namespace Portal.Web.Services.Training;

/// <summary>
/// A folder of a job that a remote worker reads or writes, and the root it must stay inside (after links): the
/// start model (a base model or the previous candidate), the previous model, the run's checkpoints, the candidate.
/// </summary>
public sealed record JobFileArea(string Name, string Folder, string Root)
{
    public const string Start = "start";
    public const string Previous = "previous";
    public const string Run = "run";
    public const string Candidate = "candidate";

    public static readonly IReadOnlyList<string> Readable = [Start, Previous, Run];
    public static readonly IReadOnlyList<string> Writable = [Run, Candidate];
}

/// <summary>Finds a job's areas in the data directory, the same folders the in-portal worker uses.</summary>
public sealed class JobFileAreas(JobFileLayout layout, TrainingFolders folders)
{
    /// <summary>The area's folder, or null when the job has none (no previous model, no base model on disk).</summary>
    public async Task<JobFileArea?> FindAsync(TrainingJob job, string area, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var files = await layout.ForAsync(job.Id, job.Settings, job.PreviousJobId, cancellationToken);
        var data = folders.DataDirectory;
        return area switch
        {
            JobFileArea.Start when files.StartModelDirectory is { } start =>
                new JobFileArea(area, start, job.Settings.StartMode == JobStartMode.Base ? folders.BaseModelsDirectory : data),
            JobFileArea.Previous when files.PreviousModelDirectory is { } previous => new JobFileArea(area, previous, data),
            JobFileArea.Run => new JobFileArea(area, files.RunDirectory, data),
            JobFileArea.Candidate => new JobFileArea(area, files.CandidateDirectory, data),
            _ => null,
        };
    }
}
