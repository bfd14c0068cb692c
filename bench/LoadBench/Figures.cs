namespace LoadBench;

internal static class Figures
{
    /// <summary>Nearest rank: every percentile is an actual measurement rather than a blend of two.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The middle value, or the mean of the two middle ones (two runs of a job give their mean).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
            return double.NaN;
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>How much lower <paramref name="loaded"/> is than <paramref name="baseline"/>, as a share of it (negative: higher).</summary>
    public static double Drop(double baseline, double loaded) => (baseline - loaded) / baseline;
}
