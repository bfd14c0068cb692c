namespace LoadBench;

/// <summary>One figure of the final table; <see cref="Met"/> is null for a figure printed for context, with no goal.</summary>
internal sealed record Result(string Scenario, string Figure, string Value, string Goal, bool? Met);

/// <summary>Every figure of the run, printed as one table at the end with its goal and PASS or MISS.</summary>
internal sealed class ResultTable
{
    private readonly List<Result> results = [];

    public void Add(string scenario, string figure, string value, string goal = "", bool? met = null) =>
        results.Add(new Result(scenario, figure, value, goal, met));

    public bool AllMet => results.All(r => r.Met != false);

    public void Print(TextWriter output)
    {
        var figureWidth = Math.Max(6, results.Max(r => r.Figure.Length));
        var valueWidth = Math.Max(5, results.Max(r => r.Value.Length));
        var goalWidth = Math.Max(4, results.Max(r => r.Goal.Length));
        output.WriteLine();
        output.WriteLine($"{"scenario",-9} {"figure".PadRight(figureWidth)} {"value".PadLeft(valueWidth)}  {"goal".PadRight(goalWidth)}  verdict");
        foreach (var r in results)
        {
            var verdict = r.Met switch { true => "PASS", false => "MISS", null => "" };
            output.WriteLine($"{r.Scenario,-9} {r.Figure.PadRight(figureWidth)} {r.Value.PadLeft(valueWidth)}  {r.Goal.PadRight(goalWidth)}  {verdict}");
        }
    }
}
