using Microsoft.Extensions.Logging;
using Portal.Core.Training;

namespace Portal.Worker.Loop;

/// <summary>Keeps a job's lease alive until the job is wrapped up, and passes on a Cancel press or the loss of the lease.</summary>
internal static class LeaseHeartbeat
{
    public static async Task RunAsync(ITrainingJobChannel channel, JobLease lease, JobSupervision supervision, WorkerOptions options, ILogger logger)
    {
        var token = supervision.Finished;
        while (true)
        {
            try
            {
                await Task.Delay(options.HeartbeatInterval, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            LeaseStatus status;
            try
            {
                status = await channel.HeartbeatAsync(lease, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (JobLeaseLostException)
            {
                status = LeaseStatus.Lost;
            }
            catch (Exception e)
            {
                // The lease outlives a few missed beats; the next one may get through.
                if (TransientErrors.IsTransient(e, token))
                    logger.LogWarning("Heartbeat for job {JobId} failed ({Error}); trying again", lease.JobId, e.Message);
                else
                    logger.LogError(e, "Heartbeat for job {JobId} failed; trying again", lease.JobId);
                continue;
            }

            switch (status)
            {
                case LeaseStatus.CancelRequested when !supervision.CancelRequested:
                    logger.LogInformation("Job {JobId} was cancelled; stopping after the current step", lease.JobId);
                    supervision.RequestCancel();
                    break;
                case LeaseStatus.Lost:
                    logger.LogWarning("Job {JobId} is no longer this worker's; stopping without reporting", lease.JobId);
                    supervision.MarkLost();
                    return;
            }
        }
    }
}
