using Portal.Core.Training;

namespace Portal.Web.Tests.Training;

/// <summary>Jobs small enough to train in seconds on a CPU: a tiny model from scratch on a short context.</summary>
internal static class TinyJob
{
    public static TrainingSettings Settings(int maxSteps = 30, int seed = 1337) => new()
    {
        StartMode = JobStartMode.Scratch,
        ModelSize = "tiny",
        ContextLength = 64,
        MaxSteps = maxSteps,
        EvalInterval = 10,
        EvalBatches = 2,
        BatchSize = 2,
        LearningRate = 1e-3,
        WarmupSteps = 2,
        ProbeTokens = 8,
        Seed = seed,
    };

    /// <summary>The body of POST /api/training/jobs for custom settings.</summary>
    public static object Request(TrainingSettings settings) => new { preset = "Custom", settings };
}
