using Portal.Core.Training;

namespace Portal.Web.Components.Pages.Retrain;

/// <summary>
/// The Advanced panel's editable copy of <see cref="TrainingSettings"/>: the record is immutable, the fields bind
/// two ways. One property per setting, named as in the record.
/// </summary>
public sealed class TrainingSettingsForm
{
    public JobStartMode StartMode { get; set; }
    public string ModelSize { get; set; } = "tiny";
    public string? BaseModel { get; set; }
    public double LearningRate { get; set; }
    public double? MinLearningRate { get; set; }
    public int WarmupSteps { get; set; }
    public int Epochs { get; set; }
    public int? MaxSteps { get; set; }
    public int BatchSize { get; set; }
    public int GradientAccumulationSteps { get; set; }
    public double WeightDecay { get; set; }
    public double Beta1 { get; set; }
    public double Beta2 { get; set; }
    public double GradientClip { get; set; }
    public int EvalInterval { get; set; }
    public int? EvalBatches { get; set; }
    public int EarlyStopPatience { get; set; }
    public bool MaskPrompt { get; set; }
    public double ValidationFraction { get; set; }
    public int Seed { get; set; }
    public int? ContextLength { get; set; }
    public int ProbeTokens { get; set; }
    public double ReplayRatio { get; set; }

    public static TrainingSettingsForm From(TrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new()
        {
            StartMode = settings.StartMode,
            ModelSize = settings.ModelSize,
            BaseModel = settings.BaseModel,
            LearningRate = settings.LearningRate,
            MinLearningRate = settings.MinLearningRate,
            WarmupSteps = settings.WarmupSteps,
            Epochs = settings.Epochs,
            MaxSteps = settings.MaxSteps,
            BatchSize = settings.BatchSize,
            GradientAccumulationSteps = settings.GradientAccumulationSteps,
            WeightDecay = settings.WeightDecay,
            Beta1 = settings.Beta1,
            Beta2 = settings.Beta2,
            GradientClip = settings.GradientClip,
            EvalInterval = settings.EvalInterval,
            EvalBatches = settings.EvalBatches,
            EarlyStopPatience = settings.EarlyStopPatience,
            MaskPrompt = settings.MaskPrompt,
            ValidationFraction = settings.ValidationFraction,
            Seed = settings.Seed,
            ContextLength = settings.ContextLength,
            ProbeTokens = settings.ProbeTokens,
            ReplayRatio = settings.ReplayRatio,
        };
    }

    /// <summary>The settings as they would be queued; a base model is named only when the job starts from one.</summary>
    public TrainingSettings ToSettings() => new()
    {
        StartMode = StartMode,
        ModelSize = ModelSize,
        BaseModel = StartMode == JobStartMode.Base ? BaseModel : null,
        LearningRate = LearningRate,
        MinLearningRate = MinLearningRate,
        WarmupSteps = WarmupSteps,
        Epochs = Epochs,
        MaxSteps = MaxSteps,
        BatchSize = BatchSize,
        GradientAccumulationSteps = GradientAccumulationSteps,
        WeightDecay = WeightDecay,
        Beta1 = Beta1,
        Beta2 = Beta2,
        GradientClip = GradientClip,
        EvalInterval = EvalInterval,
        EvalBatches = EvalBatches,
        EarlyStopPatience = EarlyStopPatience,
        MaskPrompt = MaskPrompt,
        ValidationFraction = ValidationFraction,
        Seed = Seed,
        ContextLength = ContextLength,
        ProbeTokens = ProbeTokens,
        ReplayRatio = ReplayRatio,
    };
}
