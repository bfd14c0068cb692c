using MudBlazor;
using Portal.Web.Services.Training;

namespace Portal.Web.Components.Pages.Retrain;

/// <summary>What a writer reads after pressing Cancel, for every outcome the service can give.</summary>
public static class CancelMessages
{
    public static (string Message, Severity Severity) For(CancelOutcome outcome, long jobId) => outcome switch
    {
        CancelOutcome.Cancelled => ($"Job #{jobId} is cancelled.", Severity.Success),
        CancelOutcome.Requested => ($"Job #{jobId} will stop at its next step; its checkpoint is kept.", Severity.Info),
        CancelOutcome.AlreadyFinished => ($"Job #{jobId} had already finished.", Severity.Warning),
        CancelOutcome.Forbidden => ($"Only the writer who queued job #{jobId}, or an admin, can cancel it.", Severity.Error),
        _ => ($"There is no job #{jobId}.", Severity.Error),
    };
}
