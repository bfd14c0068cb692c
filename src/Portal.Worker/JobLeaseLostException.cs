namespace Portal.Worker;

/// <summary>
/// Thrown by a channel when the portal refused a call because the lease is no longer this worker's (the job was
/// taken over or is gone). The worker stops the job at once and reports nothing more for it.
/// </summary>
public sealed class JobLeaseLostException(long jobId)
    : Exception($"The lease on job {jobId} is no longer this worker's.")
{
    public long JobId { get; } = jobId;
}
