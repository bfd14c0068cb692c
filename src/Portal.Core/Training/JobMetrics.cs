namespace Portal.Core.Training;

/// <summary>
/// The figures a finished run leaves behind, enough to compute the retraining checklist and to write a report.
/// Losses are mean cross-entropy per lyric token; null when the run had nothing to measure them on.
/// </summary>
public sealed record JobMetrics
{
    public int Steps { get; init; }
    public int MaxSteps { get; init; }

    /// <summary>Completed, EarlyStopped or Cancelled, as the engine reported it.</summary>
    public string StopReason { get; init; } = "";
    public double ElapsedSeconds { get; init; }
    public double TokensPerSecond { get; init; }

    /// <summary>Loss of the starting weights and of the candidate, on validation verses when there are any, else on training verses.</summary>
    public double? InitialLoss { get; init; }
    public double? FinalLoss { get; init; }

    /// <summary>"validation" or "training": which verses <see cref="InitialLoss"/> and <see cref="FinalLoss"/> were measured on.</summary>
    public string LossMeasuredOn { get; init; } = "validation";

    public double? FinalTrainLoss { get; init; }
    public double? BestValidationLoss { get; init; }

    /// <summary>The step whose weights became the candidate (best validation loss).</summary>
    public int? BestStep { get; init; }

    /// <summary>Loss of the previous version and of the candidate on verses the previous version was trained on.</summary>
    public double? KnownVersesLossBefore { get; init; }
    public double? KnownVersesLossAfter { get; init; }
    public int KnownVerseCount { get; init; }

    public IReadOnlyList<ProbePair> Probes { get; init; } = [];
}

/// <summary>A golden prompt with what the starting weights and the candidate wrote for it.</summary>
public sealed record ProbePair(string Prompt, string Before, string After);
