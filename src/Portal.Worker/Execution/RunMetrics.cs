using System.Text.Json.Serialization;
using Portal.Ml.Training;

namespace Portal.Worker.Execution;

/// <summary>
/// What a run has measured so far, kept beside its checkpoints so that a resumed attempt still knows the starting
/// weights' loss and probes (the "before" of the report) and every evaluation's loss (to name the best step).
/// </summary>
public sealed record RunMetrics
{
    public RunStart? Start { get; init; }

    /// <summary>The first step's training loss: the starting loss of a run that has no validation verses.</summary>
    public double? FirstTrainLoss { get; init; }

    public double? LastTrainLoss { get; init; }
    public int MaxSteps { get; init; }
    public double TokensPerSecond { get; init; }
    public IReadOnlyList<RunEvaluation> Evaluations { get; init; } = [];

    /// <summary>The evaluation with the lowest validation loss; the earliest of equals, as the trainer keeps the first best.</summary>
    [JsonIgnore]
    public RunEvaluation? Best => Evaluations
        .Where(e => e.ValidationLoss is not null)
        .OrderBy(e => e.ValidationLoss)
        .ThenBy(e => e.Step)
        .FirstOrDefault();

    [JsonIgnore]
    public bool HasValidation => Start?.ValidationLoss is not null || Evaluations.Any(e => e.ValidationLoss is not null);

    public RunMetrics WithStep(TrainingProgress step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return this with
        {
            FirstTrainLoss = FirstTrainLoss ?? step.TrainLoss,
            LastTrainLoss = step.TrainLoss ?? LastTrainLoss,
            MaxSteps = step.MaxSteps,
            TokensPerSecond = step.TokensPerSecond,
        };
    }

    /// <summary>Adds an evaluation; one of the same step (an attempt that repeats it after a resume) is replaced, not doubled.</summary>
    public RunMetrics WithEvaluation(TrainingProgress evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var entry = new RunEvaluation(evaluation.Step, evaluation.ValidationLoss, evaluation.TrainLoss);
        return this with
        {
            // Only the first attempt sees step 0: the starting weights are never measured again.
            Start = Start ?? (evaluation.Step == 0 ? new RunStart(evaluation.ValidationLoss, evaluation.Probes) : null),
            LastTrainLoss = evaluation.TrainLoss ?? LastTrainLoss,
            MaxSteps = evaluation.MaxSteps,
            TokensPerSecond = evaluation.TokensPerSecond,
            Evaluations = [.. Evaluations.Where(e => e.Step != entry.Step), entry],
        };
    }
}

/// <summary>The step-0 evaluation: the starting weights' validation loss and what they wrote for each probe.</summary>
public sealed record RunStart(double? ValidationLoss, IReadOnlyList<ProbeSample> Probes);

public sealed record RunEvaluation(int Step, double? ValidationLoss, double? TrainLoss);
