using System.Globalization;

namespace PlaygroundBench;

/// <summary>Prints the figures: first-token latency and tokens/s per path, then the portal's overhead against the goals.</summary>
internal static class Report
{
    // Goals from issue 6: the portal path costs under 10% of throughput and under 20 ms of first-token latency.
    private const double ThroughputGoal = 0.10;
    private const double FirstTokenGoalMs = 20;

    public static void Print(BenchResults results)
    {
        var engineFirst = results.Engine.Select(r => r.FirstTokenMs).ToList();
        var streamFirst = results.Stream.Select(r => r.ClientFirstTokenMs).ToList();
        var engineRate = results.Engine.Select(r => r.TokensPerSecond).ToList();
        var streamRate = results.Stream.Select(r => r.ClientTokensPerSecond).ToList();
        var jsonRate = results.Json.Select(r => r.ClientTokensPerSecond).ToList();

        Console.WriteLine();
        Console.WriteLine($"{"time to first token, ms",-46} {"median",9} {"p90",9}");
        Latency("engine (GenerationResult)", engineFirst);
        Latency("engine, caller to first piece", results.Engine.Select(r => r.CallerFirstPieceMs));
        Latency("portal stream, client (send to first data)", streamFirst);
        Latency("portal stream, server (done event)", results.Stream.Select(r => r.ServerFirstTokenMs));
        Latency("portal JSON, server (answer)", results.Json.Select(r => r.ServerFirstTokenMs));

        // For a rate the slow tail is the low end, so the second column is the 10th percentile.
        Console.WriteLine();
        Console.WriteLine($"{"tokens/s",-46} {"median",9} {"p10",9}");
        Rate("engine (GenerationResult)", engineRate);
        Rate("portal stream, client (send to done)", streamRate);
        Rate("portal JSON, client (send to answer)", jsonRate);
        Rate("portal stream, server (tokens / totalMs)", results.Stream.Select(r => r.Tokens / (r.ServerTotalMs / 1000)));

        // Where the stream's client-side time goes, to point at the part of the portal worth looking at.
        Console.WriteLine();
        Console.WriteLine($"{"portal stream, client-side steps, ms",-46} {"median",9} {"p90",9}");
        Latency("send to headers (admitted)", results.Stream.Select(r => r.ClientHeadersMs));
        Latency("headers to first data", results.Stream.Select(r => r.ClientFirstTokenMs - r.ClientHeadersMs));
        Latency("first to last data", results.Stream.Select(r => r.ClientLastPieceMs - r.ClientFirstTokenMs));
        Latency("last data to done (copy guard, history)", results.Stream.Select(r => r.ClientTotalMs - r.ClientLastPieceMs));
        Latency("engine, first token to end (for comparison)", results.Engine.Select(r => r.ElapsedMs - r.FirstTokenMs));

        Console.WriteLine();
        Console.WriteLine($"{"portal against engine, medians",-46} {"overhead",9}   goal");
        Throughput("throughput, stream", Median(engineRate), Median(streamRate));
        Throughput("throughput, JSON", Median(engineRate), Median(jsonRate));
        var firstTokenOverhead = Median(streamFirst) - Median(engineFirst);
        Console.WriteLine(Invariant($"  {"first token, stream client vs engine",-44} {firstTokenOverhead,6:+0.0;-0.0} ms   {$"under {FirstTokenGoalMs:0} ms",-12} {Verdict(firstTokenOverhead < FirstTokenGoalMs)}"));
    }

    private static void Latency(string label, IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        Console.WriteLine(Invariant($"  {label,-44} {Percentile(sorted, 0.5),9:0.0} {Percentile(sorted, 0.9),9:0.0}"));
    }

    private static void Rate(string label, IEnumerable<double> tokensPerSecond)
    {
        var sorted = tokensPerSecond.Order().ToList();
        Console.WriteLine(Invariant($"  {label,-44} {Percentile(sorted, 0.5),9:0.0} {Percentile(sorted, 0.1),9:0.0}"));
    }

    private static void Throughput(string label, double engine, double portal)
    {
        var cost = (engine - portal) / engine;
        Console.WriteLine(Invariant($"  {label,-44} {cost,9:+0.0%;-0.0%}   {$"under {ThroughputGoal:0%}",-12} {Verdict(cost < ThroughputGoal)}"));
    }

    private static string Verdict(bool met) => met ? "PASS" : "MISS";

    private static double Median(IEnumerable<double> values) => Percentile(values.Order().ToList(), 0.5);

    /// <summary>Nearest rank: with 10 rounds the p90 is the second slowest, an actual measurement rather than a blend.</summary>
    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
