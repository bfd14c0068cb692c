using Portal.Ml.Model;
using Portal.Ml.Training;
using TorchSharp;

namespace Portal.Ml.Tests.Training;

/// <summary>
/// A model and corpus small enough that a few hundred steps take seconds on two cores. Text is encoded one byte per
/// token so these tests do not depend on the BPE tokenizer.
/// </summary>
internal static class TinySetup
{
    public const int EndOfTextId = 256;

    public static GptConfig Config { get; } = new(VocabSize: 257, NPositions: 64, NEmbd: 32, NLayer: 2, NHead: 2);

    public static int[] Encode(string text) => System.Text.Encoding.UTF8.GetBytes(text).Select(b => (int)b).ToArray();

    public static string Decode(IEnumerable<int> ids) =>
        System.Text.Encoding.UTF8.GetString(ids.Where(id => id < 256).Select(id => (byte)id).ToArray());

    /// <summary>
    /// Weights drawn from a private generator: tests run in parallel, and another test drawing from libtorch's global
    /// generator while this model initialises would make "same seed, same losses" flaky.
    /// </summary>
    public static Gpt Model(int seed = 7)
    {
        var model = new Gpt(Config);
        using var random = new torch.Generator((ulong)seed);
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            using var values = name.EndsWith(".bias", StringComparison.Ordinal) ? torch.zeros_like(parameter)
                : name.Contains("ln_", StringComparison.Ordinal) ? torch.ones_like(parameter)
                : torch.randn(parameter.shape, generator: random) * 0.02;
            parameter.copy_(values);
        }
        return model;
    }

    public static IReadOnlyList<TrainingVerse> Verses { get; } = Enumerable.Range(0, 20)
        .Select(i => new TrainingVerse(
            $"verse-{i}",
            i % 2 == 0 ? "rain blues" : "city lights",
            i % 2 == 0 ? $"rain on the roof {i}\nslow and low" : $"neon in my eyes {i}\nfast and high"))
        .ToList();

    public static ExampleEncoder Encoder(int maxLength = 65) => new(PromptTemplate.Default, Encode, EndOfTextId, maxLength);

    public static TrainingData Data(double validationFraction = 0.2) =>
        TrainingData.Create(Verses, Encoder(), validationFraction, padId: EndOfTextId);

    public static TrainingOptions Options { get; } = new()
    {
        LearningRate = 3e-3,
        WarmupSteps = 2,
        BatchSize = 4,
        MaxSteps = 30,
        EvalInterval = 10,
        EarlyStopPatience = 0,
        Seed = 11,
    };

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "portal-ml-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>Reports synchronously on the training thread (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class ListProgress(Action<TrainingProgress>? onReport = null) : IProgress<TrainingProgress>
{
    public List<TrainingProgress> Reports { get; } = [];

    public IEnumerable<float> StepLosses => Reports.Where(r => r.Event == TrainingEvent.Step).Select(r => r.TrainLoss!.Value);

    public void Report(TrainingProgress value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}
