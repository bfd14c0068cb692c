using System.Globalization;
using LoadBench.Burst;
using LoadBench.Editors;
using LoadBench.Watchers;

// dotnet run -c Release --project bench/LoadBench [-- --quick] [-- --only watchers|editors|burst] [-- --rounds 2]
// Each scenario starts a fresh portal on a loopback port (real Kestrel, SQLite, in-portal worker) and loads it:
//   watchers: 50 writers' SignalR clients on /hubs/training watch a training job; every event must reach every client
//             in order, p95 under 250 ms from the worker to the client, with under 5% less training throughput.
//   editors:  20 writers import, edit (with the revision), read and delete their verses beside a training job; the
//             database must then hold every acknowledged edit, and no request may fail.
//   burst:    several writers flood /api/generate past the rate limit and the one-run rule; 429 with Retry-After,
//             admitted requests within 2x of idle latency, the model cache within its budget.
// A final table prints every figure with its goal and PASS or MISS. --quick runs each scenario briefly, as a smoke test.
namespace LoadBench;

// Not top-level statements: those would declare a second global Program beside the portal's.
internal static class LoadBenchMain
{
    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        Console.WriteLine($"Load bench on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}{(options.Quick ? ", quick" : "")}");
        var table = new ResultTable();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (options.Runs("watchers"))
            await RunAsync("watchers", options, table, token => new WatchersScenario(options, table).RunAsync(token));
        if (options.Runs("editors"))
            await RunAsync("editors", options, table, token => new EditorsScenario(options, table).RunAsync(token));
        if (options.Runs("burst"))
            await RunAsync("burst", options, table, token => new BurstScenario(options, table).RunAsync(token));

        table.Print(Console.Out);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:0} s in all; load average {LoadAverage()}"));
        return table.AllMet ? 0 : 1;
    }

    /// <summary>Runs a scenario within its time limit: past it, the scenario is stopped and marked as missed, and the next one runs.</summary>
    private static async Task RunAsync(string name, BenchOptions options, ResultTable table, Func<CancellationToken, Task> scenario)
    {
        using var cancel = new CancellationTokenSource(options.Limit);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await scenario(cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.WriteLine($"[{name}] stopped at its limit of {options.Limit.TotalMinutes:0} minutes (--limit-minutes); its figures are incomplete");
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{name}] done in {elapsed:0} s"));
        table.Add(name, "time taken", string.Create(CultureInfo.InvariantCulture, $"{elapsed:0} s"),
            string.Create(CultureInfo.InvariantCulture, $"< {options.Limit.TotalMinutes:0} min"), !cancel.IsCancellationRequested);
    }

    /// <summary>The 1, 5 and 15 minute load averages: on a shared machine they say how far to trust the figures.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
