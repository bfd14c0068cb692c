using System.Globalization;
using Portal.Ml.Training;

namespace Portal.Ml.Cli;

/// <summary>One console line per report; evaluations add the validation loss and the probe texts.</summary>
public sealed class ProgressPrinter(TextWriter output) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var c = CultureInfo.InvariantCulture;
        var line = string.Create(c, $"step {value.Step}/{value.MaxSteps} | epoch {value.Epoch:F2}");
        if (value.TrainLoss is { } train) line += string.Create(c, $" | loss {train:F4}");
        if (value.Event == TrainingEvent.Evaluation)
            line += value.ValidationLoss is { } validation ? string.Create(c, $" | val {validation:F4} (best {value.BestValidationLoss:F4})") : " | no validation set";
        line += string.Create(c, $" | lr {value.LearningRate:E2} | {value.TokensPerSecond:F0} tok/s | {value.Elapsed:hh\\:mm\\:ss}");
        if (value.Eta is { } eta) line += string.Create(c, $" | ETA {eta:hh\\:mm\\:ss}");
        output.WriteLine(line);
        foreach (var probe in value.Probes)
            output.WriteLine($"  [{probe.Prompt}] {probe.Text.ReplaceLineEndings(" / ")}");
    }
}
