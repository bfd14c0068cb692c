using Portal.Core.Training;
using Portal.Ml.Training;

namespace Portal.Worker.Execution;

/// <summary>
/// Turns the trainer's reports into job events, keeps run-metrics.json up to date, and says when a checkpoint is on
/// disk. Called synchronously on the training thread: the callbacks it calls must only enqueue.
/// </summary>
internal sealed class TrainingProgressRelay(RunMetrics metrics, string runDirectory, Action<JobEventData> report, Action checkpointSaved)
    : IProgress<TrainingProgress>
{
    public RunMetrics Metrics { get; private set; } = metrics;

    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        report(JobEventData.ProgressMade(ToJobProgress(value)));
        if (value.Event != TrainingEvent.Evaluation)
        {
            var first = Metrics.FirstTrainLoss is null;
            Metrics = Metrics.WithStep(value);
            // The starting loss of a run without validation verses must survive a stop before the next evaluation.
            if (first && Metrics.FirstTrainLoss is not null)
                RunMetricsFile.Write(runDirectory, Metrics);
            return;
        }

        foreach (var probe in value.Probes)
            report(JobEventData.Probed(new JobProbe(value.Step, probe.Prompt, probe.Text)));
        Metrics = Metrics.WithEvaluation(value);
        // Before the checkpoint is announced: whoever copies the checkpoint then copies metrics that match it.
        RunMetricsFile.Write(runDirectory, Metrics);
        report(JobEventData.Log(JobLogLines.Evaluation(value)));
        checkpointSaved();
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
