using Portal.Core.Training;
using Portal.Core.Versions;

namespace Portal.Web.Services.Training;

/// <summary>
/// The model a Quick retrain continues and new verses are counted against: the latest version's (what is deployed,
/// or rolled back to) once anything was promoted, else the newest succeeded job's candidate.
/// </summary>
public sealed class CurrentModel(ITrainingJobStore jobs, IModelVersionStore versions)
{
    /// <summary>The job whose candidate is the current model; null before the first model.</summary>
    public async Task<TrainingJob?> JobAsync(CancellationToken cancellationToken = default)
    {
        if (await versions.LatestAsync(cancellationToken) is { } latest && await jobs.FindAsync(latest.JobId, cancellationToken) is { } deployed)
            return deployed;
        return await jobs.LatestSucceededAsync(cancellationToken);
    }
}
