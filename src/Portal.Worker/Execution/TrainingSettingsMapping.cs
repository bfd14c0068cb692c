using Portal.Core.Training;
using Portal.Ml.Training;

namespace Portal.Worker.Execution;

/// <summary>
/// A job's settings as the engine's options, field by field. Written out by hand rather than by reflection so that a
/// renamed field fails to compile; a test fails when <see cref="TrainingSettings"/> gains a field this forgets.
/// </summary>
public static class TrainingSettingsMapping
{
    public static TrainingOptions ToOptions(TrainingSettings settings, IReadOnlyList<string> probePrompts)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(probePrompts);
        return new TrainingOptions
        {
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
            ProbePrompts = probePrompts,
        };
    }

    public static StartMode ToStartMode(JobStartMode mode) => mode switch
    {
        JobStartMode.Scratch => StartMode.Scratch,
        JobStartMode.Base => StartMode.Base,
        JobStartMode.Continue => StartMode.Continue,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown start mode."),
    };

    /// <summary>The golden prompts, or, when nobody chose any, the prompts of the first verses, so that every run shows something.</summary>
    public static IReadOnlyList<string> ProbePrompts(JobAssignment job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.ProbePrompts.Count > 0
            ? job.ProbePrompts
            : job.Verses.Select(v => v.Prompt.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Take(3).ToList();
    }

    public static IReadOnlyList<TrainingVerse> ToTrainingVerses(IEnumerable<SnapshotVerse> verses) =>
        verses.Select(v => new TrainingVerse(v.VerseId.ToString(System.Globalization.CultureInfo.InvariantCulture), v.Prompt, v.Lyrics)).ToList();
}
