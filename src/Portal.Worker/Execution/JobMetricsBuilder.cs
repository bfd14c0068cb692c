using Portal.Core.Training;
using Portal.Ml.Training;

namespace Portal.Worker.Execution;

/// <summary>The figures a run leaves behind, from the engine's result and the metrics of every attempt.</summary>
internal static class JobMetricsBuilder
{
    public static JobMetrics Build(
        TrainingResult result, RunMetrics run, (double Before, double After)? knownVerses = null, int knownVerseCount = 0,
        IReadOnlyList<ProbePair>? probes = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(run);
        var best = run.Best;
        var bestLoss = (double?)result.BestValidationLoss ?? best?.ValidationLoss;
        var lastTrainLoss = (double?)result.LastTrainLoss ?? run.LastTrainLoss;
        // The candidate holds the best weights by validation loss, so that is its loss; without validation verses
        // the last weights are kept and training loss is all there is.
        var onValidation = run.HasValidation;
        return new JobMetrics
        {
            Steps = result.Steps,
            MaxSteps = Math.Max(run.MaxSteps, result.Steps),
            StopReason = result.Reason.ToString(),
            ElapsedSeconds = result.Elapsed.TotalSeconds,
            TokensPerSecond = run.TokensPerSecond,
            InitialLoss = onValidation ? run.Start?.ValidationLoss : run.FirstTrainLoss,
            FinalLoss = onValidation ? bestLoss : lastTrainLoss,
            LossMeasuredOn = onValidation ? "validation" : "training",
            FinalTrainLoss = lastTrainLoss,
            BestValidationLoss = bestLoss,
            BestStep = best?.Step,
            KnownVersesLossBefore = knownVerses?.Before,
            KnownVersesLossAfter = knownVerses?.After,
            KnownVerseCount = knownVerses is null ? 0 : knownVerseCount,
            Probes = probes ?? [],
        };
    }
}
