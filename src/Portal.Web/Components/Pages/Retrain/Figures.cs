using System.Globalization;
using Portal.Core.Training;

namespace Portal.Web.Components.Pages.Retrain;

/// <summary>How the training pages write numbers, times and presets, the same way everywhere.</summary>
public static class Figures
{
    public static string Loss(double? loss) => loss?.ToString("0.000", CultureInfo.InvariantCulture) ?? "—";

    public static string Number(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Rate(double value) => value.ToString("0.###E+0", CultureInfo.InvariantCulture);

    public static string When(DateTimeOffset? at) => at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>"12s", "3m 05s", "1h 02m": precise where it matters, short where it does not.</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s || !double.IsFinite(s) || s < 0)
            return "—";
        var span = TimeSpan.FromSeconds(Math.Round(s));
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes:00}m"
            : span.TotalMinutes >= 1 ? $"{span.Minutes}m {span.Seconds:00}s"
            : $"{span.Seconds}s";
    }

    /// <summary>The name a writer knows the job by, as on the Retrain button.</summary>
    public static string Preset(RetrainPreset preset, TrainingSettings settings) => preset switch
    {
        RetrainPreset.Quick => "Quick",
        RetrainPreset.Full => "Full",
        RetrainPreset.Scratch => $"From scratch ({settings.ModelSize})",
        _ => "Custom",
    };

    /// <summary>Enough of a snapshot hash to tell two snapshots apart at a glance.</summary>
    public static string ShortHash(string hash) => hash.Length <= 12 ? hash : hash[..12];
}
