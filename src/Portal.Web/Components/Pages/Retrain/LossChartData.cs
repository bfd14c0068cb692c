namespace Portal.Web.Components.Pages.Retrain;

/// <summary>
/// Train and validation loss on one shared step axis, ready for a line chart: a step with no measurement of a kind
/// is null there (validation is measured only at evaluations).
/// </summary>
public sealed record LossChartData(IReadOnlyList<int> Steps, IReadOnlyList<double?> Train, IReadOnlyList<double?> Validation)
{
    /// <summary>A chart with more points than this redraws slowly on every event and shows no more to the eye.</summary>
    public const int DefaultMaxPoints = 200;

    public static LossChartData Empty { get; } = new([], [], []);

    public bool IsEmpty => Steps.Count == 0;

    /// <summary>
    /// Merges both curves onto their common steps and, when there are more than <paramref name="maxPoints"/>, averages
    /// runs of neighbouring steps into one point each, labelled with the run's last step, so that the chart keeps
    /// the curve's shape at a bounded size.
    /// </summary>
    public static LossChartData Build(IReadOnlyList<LossPoint> train, IReadOnlyList<LossPoint> validation, int maxPoints = DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);

        var trainByStep = ByStep(train);
        var validationByStep = ByStep(validation);
        var steps = trainByStep.Keys.Union(validationByStep.Keys).Order().ToList();
        if (steps.Count == 0)
            return Empty;

        var runLength = (steps.Count + maxPoints - 1) / maxPoints;
        var labels = new List<int>();
        var trainValues = new List<double?>();
        var validationValues = new List<double?>();
        foreach (var run in steps.Chunk(runLength))
        {
            labels.Add(run[^1]);
            trainValues.Add(Mean(run, trainByStep));
            validationValues.Add(Mean(run, validationByStep));
        }
        return new LossChartData(labels, trainValues, validationValues);
    }

    // The curves hold one point per step already; the last one wins should a caller pass duplicates.
    private static Dictionary<int, double> ByStep(IReadOnlyList<LossPoint> points)
    {
        var byStep = new Dictionary<int, double>();
        foreach (var point in points)
            byStep[point.Step] = point.Loss;
        return byStep;
    }

    private static double? Mean(int[] run, Dictionary<int, double> byStep)
    {
        var (sum, count) = (0.0, 0);
        foreach (var step in run)
        {
            if (byStep.TryGetValue(step, out var loss))
                (sum, count) = (sum + loss, count + 1);
        }
        return count == 0 ? null : sum / count;
    }
}
