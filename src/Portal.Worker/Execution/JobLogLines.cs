using System.Globalization;
using Portal.Core.Training;
using Portal.Ml.Training;

namespace Portal.Worker.Execution;

/// <summary>The lines a writer reads in the job's log tail: short, in plain words, one figure format throughout.</summary>
internal static class JobLogLines
{
    public static string Start(JobAssignment job, int trainVerses, int validationVerses, int plannedSteps)
    {
        var settings = job.Settings;
        var from = settings.StartMode switch
        {
            JobStartMode.Scratch => $"from scratch ({settings.ModelSize} model)",
            JobStartMode.Base => $"from the base model {settings.BaseModel}",
            _ => job.PreviousJobId is { } previous ? $"continuing job {previous}'s model" : "continuing the current model",
        };
        return Invariant($"Attempt {job.Attempt}: training {from} on {job.Verses.Count} verses ({trainVerses} to learn, {validationVerses} to validate), {plannedSteps} steps.");
    }

    public static string Resume(CheckpointChoice checkpoint) => checkpoint.IsPrevious
        ? Invariant($"Resuming from the previous checkpoint ({Path.GetFileName(checkpoint.Path)}) at step {checkpoint.State!.Step} of {checkpoint.State.MaxSteps}.")
        : Invariant($"Resuming from the checkpoint at step {checkpoint.State!.Step} of {checkpoint.State.MaxSteps}.");

    public static string Refused(string refusal) =>
        $"Refused a checkpoint: {refusal} It was renamed *{CheckpointChoice.DamagedSuffix} and is not used.";

    public static string LeftoversRemoved(int count) =>
        Invariant($"Removed {count} unfinished file{(count == 1 ? "" : "s")} that an interrupted write left behind.");

    public static string Evaluation(TrainingProgress evaluation) => evaluation.ValidationLoss is { } loss
        ? Invariant($"Step {evaluation.Step}/{evaluation.MaxSteps}: validation loss {loss:0.000} (best {evaluation.BestValidationLoss:0.000}); checkpoint saved.")
        : Invariant($"Step {evaluation.Step}/{evaluation.MaxSteps}: no validation verses; checkpoint saved.");

    public static string End(TrainingResult result, RunMetrics metrics) => result.Reason switch
    {
        StopReason.Cancelled => Invariant($"Stopped at step {result.Steps}; the checkpoint is kept."),
        StopReason.EarlyStopped => Invariant($"Validation loss stopped improving: stopped early at step {result.Steps}{Best(metrics)}."),
        _ => Invariant($"Finished {result.Steps} steps in {result.Elapsed:hh\\:mm\\:ss}{Best(metrics)}."),
    };

    public static string KnownVerses(double before, double after, int count) =>
        Invariant($"Known verses ({count}): {before:0.000} before, {after:0.000} after (nats per character).");

    private static string Best(RunMetrics metrics) => metrics.Best is { ValidationLoss: { } loss } best
        ? Invariant($"; best validation loss {loss:0.000} at step {best.Step}")
        : "";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
