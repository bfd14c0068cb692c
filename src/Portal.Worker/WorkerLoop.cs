using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Training;
using Portal.Ml.Runtime;
using Portal.Worker.Execution;
using Portal.Worker.Loop;

namespace Portal.Worker;

/// <summary>
/// Claims jobs one at a time and sees each through: its files, training on a thread of its own, a heartbeat that
/// keeps the lease and hears Cancel, events pumped in the background, and the outcome delivered. Nothing that goes
/// wrong with one job or one call to the portal stops the loop; only the host stopping does.
/// </summary>
/// <param name="wakeup">Ends an idle wait early when a job is queued in the same process; null: poll only.</param>
public sealed class WorkerLoop(
    ITrainingJobChannel channel, JobExecutor executor, IOptions<WorkerOptions> options, ILogger<WorkerLoop> logger, WorkerWakeup? wakeup = null)
{
    private const int PrepareAttempts = 3;

    /// <summary>Given to <see cref="ITrainingJobChannel.CompleteAsync"/> when the files never arrived; only a success reads them.</summary>
    private static readonly JobFiles NoFiles = new("", "", null, null);

    private readonly WorkerOptions _options = options.Value;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Training worker {WorkerId} started", _options.WorkerId);
        var claimFailures = RetryDelays.From(_options);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var job = await channel.ClaimAsync(_options.WorkerId, stoppingToken);
                claimFailures.Reset();
                if (job is null)
                    await IdleAsync(stoppingToken);
                else
                    await RunJobAsync(job, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                if (TransientErrors.IsTransient(e, stoppingToken))
                    logger.LogWarning("The portal cannot be reached ({Error}); trying again", e.Message);
                else if (e is UnauthorizedAccessException)
                    logger.LogError("{Error} Trying again later.", e.Message);
                else
                    logger.LogError(e, "The training worker hit an error; carrying on");
                await QuietlyAsync(claimFailures.WaitAsync(stoppingToken));
            }
        }
        logger.LogInformation("Training worker {WorkerId} stopped", _options.WorkerId);
    }

    private Task IdleAsync(CancellationToken stoppingToken) =>
        wakeup is null ? Task.Delay(_options.PollInterval, stoppingToken) : wakeup.WaitAsync(_options.PollInterval, stoppingToken);

    private async Task RunJobAsync(JobAssignment job, CancellationToken stoppingToken)
    {
        logger.LogInformation("Claimed job {JobId} (attempt {Attempt})", job.JobId, job.Attempt);
        using var supervision = new JobSupervision(stoppingToken);
        var heartbeat = LeaseHeartbeat.RunAsync(channel, job.Lease, supervision, _options, logger);
        try
        {
            var (files, failure) = await PrepareAsync(job, supervision);
            var outcome = failure;
            if (files is not null)
                outcome = await TrainAsync(job, files, supervision);
            if (outcome is null)
                return;
            await CompleteAsync(job.Lease, files ?? NoFiles, outcome, supervision);
        }
        finally
        {
            supervision.Finish();
            await heartbeat;
        }
    }

    /// <returns>The files, or the outcome to report instead (null: report nothing, the job is not ours to end).</returns>
    private async Task<(JobFiles? Files, JobOutcome? Failure)> PrepareAsync(JobAssignment job, JobSupervision supervision)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await channel.PrepareFilesAsync(job, supervision.Job), null);
            }
            catch (OperationCanceledException) when (supervision.Job.IsCancellationRequested)
            {
                return (null, Decide(JobOutcome.Cancelled(), supervision));
            }
            catch (JobLeaseLostException)
            {
                supervision.MarkLost();
                return (null, null);
            }
            catch (Exception e) when (attempt < PrepareAttempts && (TransientErrors.IsTransient(e, supervision.Job) || e is InvalidDataException))
            {
                logger.LogWarning("Fetching the files of job {JobId} failed ({Error}); trying again", job.JobId, e.Message);
                await QuietlyAsync(Task.Delay(_options.PollInterval, supervision.Job));
            }
            catch (Exception e)
            {
                logger.LogError(e, "The files of job {JobId} could not be prepared", job.JobId);
                return (null, JobOutcome.Failed($"The job's files could not be fetched: {e.Message.Split('\n')[0].Trim()}"));
            }
        }
    }

    private async Task<JobOutcome?> TrainAsync(JobAssignment job, JobFiles files, JobSupervision supervision)
    {
        var pump = new EventPump(channel, job.Lease, files, _options, logger, supervision.MarkLost);
        var outcome = await DedicatedThread.Run($"Training job {job.JobId}",
            () => executor.Run(job, files, pump.Post, pump.CheckpointSaved, supervision.Job));

        if (supervision.Lost)
        {
            await pump.AbandonAsync();
            return null;
        }
        // Everything is sent while the job is ours; once the host stops, only for a little while.
        using var flush = new CancellationTokenSource();
        using (supervision.Stopping.Register(() => flush.CancelAfter(_options.StopFlushTimeout)))
        using (supervision.LostToken.Register(flush.Cancel))
            await pump.DrainAsync(flush.Token);
        return supervision.Lost ? null : Decide(outcome, supervision);
    }

    /// <summary>
    /// A run stopped because the host is stopping stays Running and is resumed later from its checkpoint; one stopped
    /// by a Cancel press is over. A lost job is never reported on.
    /// </summary>
    private JobOutcome? Decide(JobOutcome outcome, JobSupervision supervision)
    {
        if (supervision.Lost)
            return null;
        if (outcome.State == JobState.Cancelled && !supervision.CancelRequested)
        {
            logger.LogInformation("Stopping: the job is left running and will resume from its checkpoint");
            return null;
        }
        return outcome;
    }

    private async Task CompleteAsync(JobLease lease, JobFiles files, JobOutcome outcome, JobSupervision supervision)
    {
        var delays = RetryDelays.From(_options);
        while (true)
        {
            try
            {
                await channel.CompleteAsync(lease, files, outcome, supervision.LostOrStopping);
                logger.LogInformation("Job {JobId} ended: {State}", lease.JobId, outcome.State);
                return;
            }
            catch (Exception e) when (e is JobLeaseLostException || (e is OperationCanceledException && supervision.Lost))
            {
                logger.LogWarning("The portal did not accept the end of job {JobId}: the lease is lost or the candidate was refused", lease.JobId);
                return;
            }
            catch (Exception e) when (TransientErrors.IsTransient(e, supervision.LostOrStopping))
            {
                logger.LogWarning("Completing job {JobId} failed ({Error}); trying again", lease.JobId, e.Message);
                await QuietlyAsync(delays.WaitAsync(supervision.LostOrStopping));
            }
        }
    }

    private static async Task QuietlyAsync(Task wait)
    {
        try
        {
            await wait;
        }
        catch (OperationCanceledException)
        {
            // The caller looks at its token next.
        }
    }
}
