using Portal.Web.Services.Training;

namespace Portal.Web.Components.Pages.Retrain;

public static class JobProgressLoading
{
    /// <summary>Applies every stored event after the model's last one. The store hands them out a page at a time.</summary>
    public static async Task CatchUpAsync(this TrainingJobService jobs, JobProgressModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(model);
        while (true)
        {
            var before = model.LastSequence;
            model.ApplyAll(await jobs.EventsAsync(model.JobId, before, cancellationToken));
            // Nothing new (an empty page, or only events already applied): the model is up to date.
            if (model.LastSequence == before)
                return;
        }
    }
}
