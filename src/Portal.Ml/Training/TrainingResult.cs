namespace Portal.Ml.Training;

/// <summary>How a run ended and where its checkpoints are.</summary>
public sealed record TrainingResult(
    StopReason Reason,
    int Steps,
    double Epoch,
    float? LastTrainLoss,
    float? LastValidationLoss,
    float? BestValidationLoss,
    string CheckpointPath,
    string? BestCheckpointPath,
    TimeSpan Elapsed);
