namespace Portal.Ml.Training;

/// <summary>
/// One retrain: the dataset snapshot, where the weights start from, and where the result goes.
/// </summary>
/// <param name="ModelFolder">Receives the trained model (Hugging Face layout) when the run ends normally.</param>
/// <param name="RunDirectory">Holds checkpoints and, for a model trained from scratch, its tokenizer.</param>
/// <param name="BaseFolder">The pretrained or previous model for <see cref="StartMode.Base"/> and <see cref="StartMode.Continue"/>.</param>
/// <param name="Preset">Model size for <see cref="StartMode.Scratch"/>: tiny or small.</param>
/// <param name="Options">Null takes the defaults of the start mode actually used.</param>
/// <param name="ResumeFrom">A checkpoint of an earlier, stopped attempt of this same run.</param>
public sealed record TrainingRequest(
    IReadOnlyList<TrainingVerse> Verses,
    string ModelFolder,
    string RunDirectory,
    StartMode Mode = StartMode.Scratch,
    string? BaseFolder = null,
    string Preset = "small",
    TrainingOptions? Options = null,
    string? ResumeFrom = null);

/// <summary>How a retrain ended: the run's result, the start mode used, and the model folder when one was written.</summary>
public sealed record TrainingOutcome(TrainingResult Result, StartMode Mode, string? ModelFolder);
