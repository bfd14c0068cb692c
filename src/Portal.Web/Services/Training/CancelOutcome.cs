namespace Portal.Web.Services.Training;

public enum CancelOutcome
{
    /// <summary>The job was still queued and will never run.</summary>
    Cancelled,

    /// <summary>The job is running; its worker stops at the next step and keeps the checkpoint.</summary>
    Requested,

    NotFound,
    AlreadyFinished,

    /// <summary>Only the writer who asked for a job, or an admin, may cancel it.</summary>
    Forbidden,
}
