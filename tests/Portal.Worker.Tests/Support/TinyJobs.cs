using Portal.Core.Training;
using Portal.Ml.Model;
using Portal.Ml.Tokenization;
using Portal.Ml.Training;

namespace Portal.Worker.Tests.Support;

/// <summary>
/// Jobs small enough to train for real in a second or two: the tiny preset at a 64-token context, a few dozen steps,
/// a dozen short verses.
/// </summary>
internal static class TinyJobs
{
    public static IReadOnlyList<SnapshotVerse> Verses { get; } = Enumerable.Range(1, 12)
        .Select(i => new SnapshotVerse(
            i,
            $"hash-{i}",
            i % 2 == 0 ? "rain blues" : "city lights",
            i % 2 == 0 ? $"rain on the roof {i}\nslow and low" : $"neon in my eyes {i}\nfast and high"))
        .ToList();

    public static TrainingSettings Settings { get; } = new()
    {
        StartMode = JobStartMode.Scratch,
        ModelSize = "tiny",
        LearningRate = 3e-3,
        WarmupSteps = 2,
        MaxSteps = 20,
        BatchSize = 4,
        EvalInterval = 5,
        EarlyStopPatience = 0,
        ValidationFraction = 0.2,
        Seed = 11,
        ContextLength = 64,
        ProbeTokens = 8,
    };

    public static JobAssignment Job(
        long id = 1, TrainingSettings? settings = null, IReadOnlyList<string>? probePrompts = null,
        IReadOnlyList<SnapshotVerse>? knownVerses = null, long? previousJobId = null, int attempt = 1) =>
        new(new JobLease(id, $"lease-{id}-{attempt}"), settings ?? Settings, attempt, Verses, probePrompts ?? [], knownVerses ?? [], previousJobId);

    public static JobFiles Files(string root, string? start = null, string? previous = null) =>
        new(Path.Combine(root, "run"), Path.Combine(root, "candidate"), start, previous);

    /// <summary>An untrained tiny model with a tokenizer learned from the verses: something to continue from.</summary>
    public static void WriteUntrainedModel(string folder)
    {
        var tokenizer = Gpt2Tokenizer.Train(Verses.Select(v => PromptTemplate.Default.Full(v.Prompt, v.Lyrics)), 400);
        using var model = new Gpt(GptConfig.Tiny(tokenizer.VocabSize) with { NPositions = 64 });
        HfCheckpoint.Save(model, folder, tokenizer);
    }
}
