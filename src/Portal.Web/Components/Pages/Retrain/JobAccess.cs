using Portal.Core.Access;
using Portal.Core.Training;

namespace Portal.Web.Components.Pages.Retrain;

public static class JobAccess
{
    /// <summary>Writers cancel the jobs they queued; admins any. A finished job has nothing to cancel.</summary>
    public static bool CanCancel(this Actor actor, TrainingJob job) =>
        !job.State.IsFinished() && actor.CanEdit(job.RequestedById);
}
