using Microsoft.Extensions.Logging;
using Portal.Core.Training;
using Portal.Ml.Training;

namespace Portal.Worker.Execution;

/// <summary>
/// Runs one claimed job from start to outcome on the calling thread, which owns the model throughout (TorchSharp's
/// dispose scopes are per thread, so the worker gives each job a thread of its own). Never throws: whatever happens
/// ends as an outcome whose failure reason a writer can read.
/// </summary>
/// <param name="stepReportInterval">How often training steps are reported at most (default a second); evaluations always are.</param>
public sealed class JobExecutor(ILogger<JobExecutor> logger, TimeSpan? stepReportInterval = null)
{
    public static readonly TimeSpan DefaultStepReportInterval = TimeSpan.FromSeconds(1);

    /// <param name="report">Gets every event in order; called on the training thread, so it must only enqueue.</param>
    /// <param name="checkpointSaved">Called when checkpoint.ckpt and run-metrics.json in the run directory are new; must only enqueue.</param>
    /// <param name="cancellationToken">Stops training after the current step; the trainer keeps a checkpoint to resume from.</param>
    public JobOutcome Run(JobAssignment job, JobFiles files, Action<JobEventData> report, Action checkpointSaved, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(checkpointSaved);
        // Stamped where they happen, so that the portal can tell how late they reach the people watching.
        var produced = report;
        report = data => produced(data.ProducedAt is null ? data with { ProducedAt = DateTimeOffset.UtcNow } : data);
        try
        {
            return Train(job, files, report, checkpointSaved, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return JobOutcome.Cancelled();
        }
        catch (Exception e)
        {
            if (e is JobSetupException)
                logger.LogWarning(e.InnerException, "Job {JobId} cannot start: {Reason}", job.JobId, e.Message);
            else
                logger.LogError(e, "Job {JobId} (attempt {Attempt}) failed", job.JobId, job.Attempt);
            var reason = FailureReasons.Describe(e);
            report(JobEventData.Log("Failed: " + reason));
            return JobOutcome.Failed(reason);
        }
    }

    private JobOutcome Train(JobAssignment job, JobFiles files, Action<JobEventData> report, Action checkpointSaved, CancellationToken cancellationToken)
    {
        var leftovers = UnfinishedWrites.Remove(files.RunDirectory, files.CandidateDirectory);
        var plan = JobPlan.Create(job, files);
        // A resumed attempt builds on the earlier attempts' figures (their step 0 above all); a fresh one starts clean.
        var metrics = plan.Resumed is null ? new RunMetrics() : RunMetricsFile.Read(files.RunDirectory) ?? new RunMetrics();
        report(JobEventData.Log(JobLogLines.Start(job, plan.Split.Train.Count, plan.Split.Validation.Count, plan.PlannedSteps)));
        if (leftovers > 0)
            report(JobEventData.Log(JobLogLines.LeftoversRemoved(leftovers)));
        foreach (var refusal in plan.Checkpoint.Refusals)
        {
            logger.LogWarning("Job {JobId}: {Refusal}", job.JobId, refusal);
            report(JobEventData.Log(JobLogLines.Refused(refusal)));
        }
        if (plan.Resumed is not null)
            report(JobEventData.Log(JobLogLines.Resume(plan.Checkpoint)));

        TrainingOutcome outcome;
        if (plan.Resumed is { } state && FinishedRun.IsFinished(state, plan.Options))
        {
            report(JobEventData.Log("The earlier attempt had finished training; saving its best weights as the candidate."));
            outcome = FinishedRun.TryExport(plan.Request)!;
        }
        else
        {
            var relay = new TrainingProgressRelay(metrics, files.RunDirectory, report, checkpointSaved,
                stepReportInterval ?? DefaultStepReportInterval, TimeProvider.System);
            outcome = TrainingSession.Run(plan.Request, relay, cancellationToken);
            relay.Flush();
            metrics = relay.Metrics;
        }

        var result = outcome.Result;
        report(JobEventData.Log(JobLogLines.End(result, metrics)));
        logger.LogInformation("Job {JobId}: {Reason} at step {Step}", job.JobId, result.Reason, result.Steps);
        if (result.Reason == StopReason.Cancelled)
        {
            // The trainer saved where it stopped; that checkpoint is what a later attempt resumes from.
            checkpointSaved();
            return JobOutcome.Cancelled(JobMetricsBuilder.Build(result, metrics));
        }
        return Evaluate(job, files, plan, result, metrics, report, cancellationToken);
    }

    private static JobOutcome Evaluate(
        JobAssignment job, JobFiles files, JobPlan plan, TrainingResult result, RunMetrics metrics, Action<JobEventData> report,
        CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return JobOutcome.Cancelled(JobMetricsBuilder.Build(result, metrics));
        var (known, probes) = CandidateEvaluation.Measure(
            files.CandidateDirectory, files.PreviousModelDirectory, job.KnownVerses, plan.Options, metrics.Start, cancellationToken);
        if (known is { } loss)
            report(JobEventData.Log(JobLogLines.KnownVerses(loss.Before, loss.After, job.KnownVerses.Count)));

        var figures = JobMetricsBuilder.Build(result, metrics, known, job.KnownVerses.Count, probes);
        // A probe cut short by the cancel is not what the candidate writes.
        return cancellationToken.IsCancellationRequested ? JobOutcome.Cancelled(figures with { Probes = [] }) : JobOutcome.Succeeded(figures);
    }
}
