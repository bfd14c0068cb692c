namespace Portal.Ml.Training;

/// <summary>
/// How to train. The defaults are those of the notebook fine-tune writers came from (lr 5e-5, 3 epochs, batch 2);
/// <see cref="For"/> picks the defaults of each start mode. Steps are optimizer steps; one step consumes
/// <see cref="BatchSize"/> x <see cref="GradientAccumulationSteps"/> verses.
/// </summary>
public sealed record TrainingOptions
{
    public double LearningRate { get; init; } = 5e-5;

    /// <summary>Where the cosine decay ends; a tenth of <see cref="LearningRate"/> when unset, as in nanoGPT.</summary>
    public double? MinLearningRate { get; init; }

    public int WarmupSteps { get; init; } = 10;
    public int Epochs { get; init; } = 3;

    /// <summary>Stops earlier than <see cref="Epochs"/> would; also the length of the cosine decay.</summary>
    public int? MaxSteps { get; init; }

    public int BatchSize { get; init; } = 2;
    public int GradientAccumulationSteps { get; init; } = 1;
    public double WeightDecay { get; init; } = 0.1;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.95;
    public double GradientClip { get; init; } = 1.0;

    /// <summary>Evaluate, report probes and checkpoint every this many steps (and at the end).</summary>
    public int EvalInterval { get; init; } = 50;

    /// <summary>Caps the validation batches per evaluation; null evaluates the whole validation set.</summary>
    public int? EvalBatches { get; init; }

    /// <summary>Stop when validation loss has not improved for this many evaluations; 0 never stops early.</summary>
    public int EarlyStopPatience { get; init; } = 5;

    public int LogInterval { get; init; } = 1;

    /// <summary>Learn only the lyrics (the prompt is given at inference, so learning to write it is wasted effort).</summary>
    public bool MaskPrompt { get; init; } = true;

    public double ValidationFraction { get; init; } = 0.1;
    public int Seed { get; init; } = 1337;

    /// <summary>Tokens per training row; the model's context when unset.</summary>
    public int? ContextLength { get; init; }

    public IReadOnlyList<string> ProbePrompts { get; init; } = [];
    public int ProbeTokens { get; init; } = 48;

    public static TrainingOptions Fresh { get; } = new();

    public static TrainingOptions Continue { get; } = new() { LearningRate = 1e-5 };

    /// <summary>nanoGPT's small-model recipe: a high rate, a larger batch and many passes over a small corpus.</summary>
    public static TrainingOptions FromScratch { get; } = new()
    {
        LearningRate = 1e-3, Epochs = 30, BatchSize = 8, WarmupSteps = 20, Beta2 = 0.99, EvalInterval = 15, EarlyStopPatience = 3,
    };

    public static TrainingOptions For(StartMode mode) => mode switch
    {
        StartMode.Scratch => FromScratch,
        StartMode.Continue => Continue,
        _ => Fresh,
    };

    public double MinLearningRateOrDefault => MinLearningRate ?? LearningRate / 10;

    public void Validate()
    {
        void Positive(int value, string name)
        {
            if (value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }

        Positive(Epochs, nameof(Epochs));
        Positive(BatchSize, nameof(BatchSize));
        Positive(GradientAccumulationSteps, nameof(GradientAccumulationSteps));
        Positive(EvalInterval, nameof(EvalInterval));
        Positive(LogInterval, nameof(LogInterval));
        if (MaxSteps is { } max) Positive(max, nameof(MaxSteps));
        if (EvalBatches is { } batches) Positive(batches, nameof(EvalBatches));
        if (ContextLength is { } context) Positive(context, nameof(ContextLength));
        if (LearningRate <= 0 || MinLearningRateOrDefault < 0 || MinLearningRateOrDefault > LearningRate)
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be positive and at least the minimum rate.");
        if (WarmupSteps < 0 || EarlyStopPatience < 0 || WeightDecay < 0 || GradientClip <= 0 || ProbeTokens < 0)
            throw new ArgumentOutOfRangeException(nameof(WarmupSteps), "Warmup, patience, weight decay and probe tokens cannot be negative, and the gradient clip must be positive.");
        if (ValidationFraction is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "The validation share must be in [0, 1).");
    }
}
