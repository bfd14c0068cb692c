namespace Portal.Ml.Training;

/// <summary>
/// What a run reports: after every logged step, and after every evaluation (then with validation loss and probe
/// generations). Losses are null when the report does not carry them.
/// </summary>
public sealed record TrainingProgress(
    TrainingEvent Event,
    int Step,
    int MaxSteps,
    double Epoch,
    float? TrainLoss,
    float? ValidationLoss,
    double LearningRate,
    double TokensPerSecond,
    TimeSpan Elapsed,
    TimeSpan? Eta)
{
    public IReadOnlyList<ProbeSample> Probes { get; init; } = [];
    public float? BestValidationLoss { get; init; }
}

public enum TrainingEvent
{
    Step,
    Evaluation,
}

/// <summary>What the model wrote for one probe prompt at an evaluation, to judge progress by eye.</summary>
public sealed record ProbeSample(string Prompt, string Text);
