namespace Portal.Core.Training;

/// <summary>
/// Everything a job is trained with: where it starts and every hyperparameter. Immutable once queued; two jobs with
/// equal settings and the same dataset snapshot are the same job (see <see cref="JobKey"/>). The defaults of each
/// preset come from <see cref="ForPreset"/>; the engine maps these one for one onto its own options.
/// </summary>
public sealed record TrainingSettings
{
    public const int MaxBaseModelNameLength = 100;

    public JobStartMode StartMode { get; init; } = JobStartMode.Scratch;

    /// <summary>Model size when training from scratch: "tiny" or "small".</summary>
    public string ModelSize { get; init; } = "tiny";

    /// <summary>Folder name under base-models/ when <see cref="StartMode"/> is <see cref="JobStartMode.Base"/>.</summary>
    public string? BaseModel { get; init; }

    public double LearningRate { get; init; } = 5e-5;
    public double? MinLearningRate { get; init; }
    public int WarmupSteps { get; init; } = 10;
    public int Epochs { get; init; } = 3;
    public int? MaxSteps { get; init; }
    public int BatchSize { get; init; } = 2;
    public int GradientAccumulationSteps { get; init; } = 1;
    public double WeightDecay { get; init; } = 0.1;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.95;
    public double GradientClip { get; init; } = 1.0;
    public int EvalInterval { get; init; } = 50;
    public int? EvalBatches { get; init; }
    public int EarlyStopPatience { get; init; } = 5;
    public bool MaskPrompt { get; init; } = true;
    public double ValidationFraction { get; init; } = 0.1;
    public int Seed { get; init; } = 1337;
    public int? ContextLength { get; init; }
    public int ProbeTokens { get; init; } = 48;

    /// <summary>Quick retrains: older verses replayed per new verse, so the model keeps what it knew.</summary>
    public double ReplayRatio { get; init; } = 1.0;

    public static readonly IReadOnlyList<string> ModelSizes = ["tiny", "small"];

    /// <summary>The settings behind each button. <see cref="RetrainPreset.Custom"/> starts from Full's.</summary>
    public static TrainingSettings ForPreset(RetrainPreset preset, string scratchSize = "tiny") => preset switch
    {
        RetrainPreset.Quick => new() { StartMode = JobStartMode.Continue, LearningRate = 1e-5, Epochs = 3, BatchSize = 2, EvalInterval = 10 },
        RetrainPreset.Scratch => new()
        {
            // nanoGPT's small-model recipe: a high rate, a larger batch and many passes over a small corpus. A model
            // this small on a few dozen verses overfits within ten epochs: evaluating every 15 steps finds the best
            // weights more closely, and three evaluations without a better validation loss are evidence enough;
            // every pass after that only makes the writer wait.
            StartMode = JobStartMode.Scratch, ModelSize = scratchSize, LearningRate = 1e-3, Epochs = 30, BatchSize = 8,
            WarmupSteps = 20, Beta2 = 0.99, EvalInterval = 15, EarlyStopPatience = 3,
        },
        _ => new() { StartMode = JobStartMode.Base, LearningRate = 5e-5, Epochs = 3, BatchSize = 2, EvalInterval = 10 },
    };

    /// <summary>Every problem, in words a writer understands; empty when the settings can be trained.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Positive(int value, string name)
        {
            if (value <= 0) errors.Add($"{name} must be at least 1.");
        }

        Positive(Epochs, "Epochs");
        Positive(BatchSize, "Batch size");
        Positive(GradientAccumulationSteps, "Gradient accumulation steps");
        Positive(EvalInterval, "Evaluation interval");
        if (MaxSteps is { } max) Positive(max, "Max steps");
        if (EvalBatches is { } batches) Positive(batches, "Evaluation batches");
        if (ContextLength is { } context) Positive(context, "Context length");
        if (!double.IsFinite(LearningRate) || LearningRate <= 0 || LearningRate > 1)
            errors.Add("The learning rate must be above 0 and at most 1.");
        if (MinLearningRate is { } min && (!double.IsFinite(min) || min < 0 || min > LearningRate))
            errors.Add("The minimum learning rate must be between 0 and the learning rate.");
        if (WarmupSteps < 0) errors.Add("Warmup steps cannot be negative.");
        if (EarlyStopPatience < 0) errors.Add("Early-stop patience cannot be negative.");
        if (!double.IsFinite(WeightDecay) || WeightDecay < 0) errors.Add("Weight decay cannot be negative.");
        if (!double.IsFinite(Beta1) || Beta1 is < 0 or >= 1 || !double.IsFinite(Beta2) || Beta2 is < 0 or >= 1)
            errors.Add("Adam betas must be in [0, 1).");
        if (!double.IsFinite(GradientClip) || GradientClip <= 0) errors.Add("The gradient clip must be above 0.");
        if (!double.IsFinite(ValidationFraction) || ValidationFraction is < 0 or >= 1)
            errors.Add("The validation share must be in [0, 1).");
        if (ProbeTokens is < 0 or > 512) errors.Add("Probe tokens must be between 0 and 512.");
        if (!double.IsFinite(ReplayRatio) || ReplayRatio is < 0 or > 100) errors.Add("The replay ratio must be between 0 and 100.");
        if (!ModelSizes.Contains(ModelSize)) errors.Add($"The model size must be one of: {string.Join(", ", ModelSizes)}.");
        if (StartMode == JobStartMode.Base && !IsSafeFolderName(BaseModel))
            errors.Add("Training from a base model needs the name of a folder under base-models/ (letters, digits, '.', '-', '_').");
        return errors;
    }

    /// <summary>A plain folder name: no separators, no "..", so that it can never point outside base-models/.</summary>
    public static bool IsSafeFolderName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxBaseModelNameLength && name != "." && name != ".."
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
