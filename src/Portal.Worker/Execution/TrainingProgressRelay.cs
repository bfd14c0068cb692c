using Portal.Core.Training;
using Portal.Ml.Training;

namespace Portal.Worker.Execution;

/// <summary>
/// Turns the trainer's reports into job events, keeps run-metrics.json up to date, and says when a checkpoint is on
/// disk. Called synchronously on the training thread: the callbacks it calls must only enqueue.
/// </summary>
/// <param name="stepInterval">
/// Training steps are reported at most this often, each with the mean training loss of the steps since the previous
/// report. Every event costs CPU on its way to the watchers (store, hub, their pages), taken from a training run
/// that uses every core; a tiny model makes ten steps a second, more than anyone reads. The first and last steps and
/// every evaluation are always reported.
/// </param>
internal sealed class TrainingProgressRelay(
    RunMetrics metrics, string runDirectory, Action<JobEventData> report, Action checkpointSaved, TimeSpan stepInterval, TimeProvider clock)
    : IProgress<TrainingProgress>
{
    private readonly List<float> pendingLosses = [];
    private TrainingProgress? pending;
    private long lastReportAt;

    public RunMetrics Metrics { get; private set; } = metrics;

    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Event != TrainingEvent.Evaluation)
        {
            Hold(value);
            var first = Metrics.FirstTrainLoss is null;
            Metrics = Metrics.WithStep(value);
            // The starting loss of a run without validation verses must survive a stop before the next evaluation.
            if (first && Metrics.FirstTrainLoss is not null)
                RunMetricsFile.Write(runDirectory, Metrics);
            return;
        }

        Flush();
        report(JobEventData.ProgressMade(ToJobProgress(value)));
        foreach (var probe in value.Probes)
            report(JobEventData.Probed(new JobProbe(value.Step, probe.Prompt, probe.Text)));
        Metrics = Metrics.WithEvaluation(value);
        // Before the checkpoint is announced: whoever copies the checkpoint then copies metrics that match it.
        RunMetricsFile.Write(runDirectory, Metrics);
        report(JobEventData.Log(JobLogLines.Evaluation(value)));
        checkpointSaved();
    }

    /// <summary>Reports the steps held back since the last report, if any: before an evaluation and when the run ends.</summary>
    public void Flush()
    {
        if (pending is null)
            return;
        var mean = pendingLosses.Count > 0 ? pendingLosses.Average() : pending.TrainLoss;
        report(JobEventData.ProgressMade(ToJobProgress(pending with { TrainLoss = mean })));
        pending = null;
        pendingLosses.Clear();
        lastReportAt = clock.GetTimestamp();
    }

    private void Hold(TrainingProgress step)
    {
        var first = pending is null && lastReportAt == 0;
        pending = step;
        if (step.TrainLoss is { } loss)
            pendingLosses.Add(loss);
        if (first || step.Step >= step.MaxSteps || clock.GetElapsedTime(lastReportAt) >= stepInterval)
            Flush();
    }

    private static JobProgress ToJobProgress(TrainingProgress p) => new(
        p.Step,
        p.MaxSteps,
        p.Epoch,
        p.TrainLoss,
        p.ValidationLoss,
        p.LearningRate,
        p.TokensPerSecond,
        p.Elapsed.TotalSeconds,
        p.Eta?.TotalSeconds,
        p.Event == TrainingEvent.Evaluation);
}
