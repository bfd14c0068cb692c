using System.Globalization;

namespace Portal.Core.Training;

/// <summary>
/// The checks writers used to tick by hand after each retrain, computed from a run's figures. Each item passes or
/// fails with the figure it was judged on, or does not apply (and says why).
/// </summary>
public static class RetrainChecklist
{
    public const string LossDropped = "loss-dropped";
    public const string NoForgetting = "no-forgetting";
    public const string ProbesSound = "probes-sound";
    public const string BestNotEarly = "best-not-early";

    /// <summary>A retrain that moves the loss less than this has not learned enough to be worth a version.</summary>
    public const double MinLossDrop = 0.3;

    /// <summary>How much worse the candidate may do on what the previous model knew.</summary>
    public const double MaxForgettingRise = 0.05;

    /// <summary>A best checkpoint this early means the rest of the run only overfitted.</summary>
    public const double EarliestBestShare = 0.2;

    public static IReadOnlyList<ChecklistItem> Evaluate(JobMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return [Loss(metrics), Forgetting(metrics), Probes(metrics), BestStep(metrics)];
    }

    public static bool AllPassed(IReadOnlyList<ChecklistItem> items) => items.All(i => i.Passed != false);

    private static ChecklistItem Loss(JobMetrics m)
    {
        const string title = "Loss dropped by at least 0.3";
        if (m.InitialLoss is not { } start || m.FinalLoss is not { } end)
            return new(LossDropped, title, null, "no loss was measured");
        var drop = start - end;
        return new(LossDropped, title, drop >= MinLossDrop,
            $"{F(start)} → {F(end)} ({(drop >= 0 ? "−" : "+")}{F(Math.Abs(drop))}, {m.LossMeasuredOn} verses)");
    }

    private static ChecklistItem Forgetting(JobMetrics m)
    {
        const string title = "No forgetting: loss on verses the previous model knew rose by at most 5%";
        if (m.KnownVersesLossBefore is not { } before || m.KnownVersesLossAfter is not { } after || before <= 0)
            return new(NoForgetting, title, null, "first model: nothing to forget");
        var rise = (after - before) / before;
        return new(NoForgetting, title, rise <= MaxForgettingRise,
            $"{F(before)} → {F(after)} ({rise.ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture)} on {m.KnownVerseCount} verses)");
    }

    private static ChecklistItem Probes(JobMetrics m)
    {
        const string title = "Probe outputs are not empty or repeated lines";
        if (m.Probes.Count == 0)
            return new(ProbesSound, title, null, "no probe prompts");
        var sound = m.Probes.Count(p => IsSound(p.After));
        return new(ProbesSound, title, sound == m.Probes.Count, $"{sound} of {m.Probes.Count} probes sound");
    }

    private static ChecklistItem BestStep(JobMetrics m)
    {
        const string title = "Best checkpoint not in the first 20% of steps";
        if (m.BestStep is not { } best || m.Steps <= 0)
            return new(BestNotEarly, title, null, "no validation loss was measured");
        var share = (double)best / m.Steps;
        return new(BestNotEarly, title, share > EarliestBestShare,
            $"best at step {best} of {m.Steps} ({share.ToString("0%", CultureInfo.InvariantCulture)})");
    }

    /// <summary>
    /// Text the model wrote is sound when it has words and does not loop: no line appears three times, and at least
    /// half of its lines are different from each other.
    /// </summary>
    public static bool IsSound(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
            return false;
        var counts = lines.GroupBy(l => l, StringComparer.OrdinalIgnoreCase).Select(g => g.Count()).ToList();
        return counts.Max() < 3 && counts.Count * 2 >= lines.Count;
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
