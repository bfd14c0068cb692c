namespace Portal.Ml.Training;

/// <summary>
/// Everything about a run that is not a tensor: where it stands, what it has seen and how it schedules the rest.
/// Stored as JSON at the head of a checkpoint file, so a checkpoint can be inspected without loading the model.
/// </summary>
public sealed record CheckpointState
{
    public int Step { get; init; }
    public int MaxSteps { get; init; }
    public DataPosition Data { get; init; }
    public double Epoch { get; init; }
    public float? BestValidationLoss { get; init; }
    public int EvaluationsWithoutImprovement { get; init; }

    /// <summary>The step whose evaluation is already done, so that a resumed run does not count it twice.</summary>
    public int LastEvaluatedStep { get; init; } = -1;

    public required LearningRateSchedule Schedule { get; init; }
    public int Seed { get; init; }

    /// <summary>The model's config.json, so a checkpoint tells what shape of model it fits.</summary>
    public required string ConfigJson { get; init; }

    public double ElapsedSeconds { get; init; }
}
