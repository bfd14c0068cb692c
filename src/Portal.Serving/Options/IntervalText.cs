using System.Globalization;

namespace Portal.Serving.Options;

/// <summary>Reads a poll interval the way people write one: "30s", "5m", "1h", "500ms", or plain seconds ("45", "0.5").</summary>
public static class IntervalText
{
    private static readonly (string Suffix, double Seconds)[] Units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];

    /// <exception cref="FormatException">Not a positive duration.</exception>
    public static TimeSpan Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        var (number, scale) = Units
            .Where(unit => trimmed.EndsWith(unit.Suffix, StringComparison.OrdinalIgnoreCase))
            .Select(unit => (trimmed[..^unit.Suffix.Length], unit.Seconds))
            .FirstOrDefault((trimmed, 1.0));
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || value * scale < 0.001 || value * scale > TimeSpan.FromDays(1).TotalSeconds)
            throw new FormatException($"The interval \"{text}\" is not a duration between 1 ms and a day: write 30s, 5m, or a number of seconds.");
        return TimeSpan.FromSeconds(value * scale);
    }
}
