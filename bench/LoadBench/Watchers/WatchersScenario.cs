using System.Globalization;
using Portal.Core.Training;

namespace LoadBench.Watchers;

/// <summary>
/// 50 writers watch a training job over /hubs/training while it trains; the same job then runs with nobody watching.
/// Jobs alternate unwatched, watched, watched, unwatched, after one unmeasured job that pays the JIT's warm-up.
/// </summary>
internal sealed class WatchersScenario(BenchOptions options, ResultTable table)
{
    private const string Name = "watchers";
    private const double DelayGoalMs = 250;
    private const double ThroughputGoal = 0.05;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var watchers = options.Watchers;
        var steps = options.Quick ? 30 : 400;
        Console.WriteLine($"[{Name}] {watchers} hub clients on a {steps}-step tiny job; steps reported every {options.ReportInterval.TotalMilliseconds:0} ms (the portal's own: 1000 ms)");
        await using var portal = LoadPortal.Start(stepReportInterval: options.ReportInterval);
        using var api = portal.CreateApiClient();
        await BenchJobs.ImportAsync(api, Enumerable.Range(1, 50).Select(i => BenchVerses.Create("the library", i)), cancellationToken);
        var writers = await portal.CreateWritersAsync("watcher", watchers);

        var warmUp = await RunJobAsync(portal, api, [], BenchJobs.Steps(options.Quick ? 10 : 60), cancellationToken);
        Console.WriteLine(Invariant($"  warm-up job {warmUp.Job.Id}: {warmUp.Job.Metrics?.Steps} steps, {warmUp.TokensPerSecond:0} tok/s (not counted)"));

        var runs = new List<WatchedRun>();
        var order = options.Quick ? new[] { 0, watchers } : Enumerable.Range(0, options.Rounds).SelectMany(r => r % 2 == 0 ? new[] { 0, watchers } : [watchers, 0]).ToArray();
        foreach (var count in order)
        {
            var run = await RunJobAsync(portal, api, writers.Take(count).ToList(), BenchJobs.Steps(steps), cancellationToken);
            runs.Add(run);
            var delays = run.DelaysMs().ToList();
            var line = Invariant($"  job {run.Job.Id}, {count,2} watchers: {run.Job.Metrics?.Steps} steps, {run.TokensPerSecond:0} tok/s, {run.Stored.Count} events ({run.StoredProgress} progress)");
            if (count > 0)
                line += Invariant($", missed {run.Missed()}, out of order {run.OutOfOrder()}, read back {run.CaughtUpOnly()}, delay p50 {Figures.Percentile(delays, 0.5):0.0} p95 {Figures.Percentile(delays, 0.95):0.0} ms");
            Console.WriteLine(line);
        }
        Report(runs, watchers);
    }

    private static async Task<WatchedRun> RunJobAsync(LoadPortal portal, HttpClient api, IReadOnlyList<BenchWriter> writers, TrainingSettings settings, CancellationToken cancellationToken)
    {
        // Every page is open before the job is queued, as when a writer presses the button with the others watching.
        var clients = await Task.WhenAll(writers.Select(w => JobWatcher.ConnectAsync(portal.BaseAddress, w.Token, cancellationToken)));
        try
        {
            var id = await BenchJobs.QueueAsync(api, settings, cancellationToken);
            await Task.WhenAll(clients.Select(c => c.WatchAsync(id, cancellationToken)));
            var job = await BenchJobs.FinishAsync(api, id, cancellationToken);
            // The last state change is stored before it is pushed; give the pushes a moment to land.
            await Task.WhenAll(clients.Select(c => c.Finished)).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            var stored = await BenchJobs.EventsAsync(api, id, cancellationToken);
            return new WatchedRun(clients.Length, job, stored, clients.Select(c => c.Log()).ToList());
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }
    }

    private void Report(IReadOnlyList<WatchedRun> runs, int watchers)
    {
        var watched = runs.Where(r => r.Watchers > 0).ToList();
        var alone = runs.Where(r => r.Watchers == 0).ToList();
        var delays = watched.SelectMany(r => r.DelaysMs()).ToList();
        var missed = watched.Sum(r => r.Missed());
        var outOfOrder = watched.Sum(r => r.OutOfOrder());
        var gaps = runs.Sum(r => r.StoredGaps());
        var p95 = Figures.Percentile(delays, 0.95);
        var baseline = Figures.Median(alone.Select(r => r.TokensPerSecond));
        var loaded = Figures.Median(watched.Select(r => r.TokensPerSecond));
        var drop = Figures.Drop(baseline, loaded);

        table.Add(Name, "hub clients x watched jobs", Invariant($"{watchers} x {watched.Count}"));
        table.Add(Name, "events stored per job (progress)", Invariant($"{Figures.Median(watched.Select(r => (double)r.Stored.Count)):0} ({Figures.Median(watched.Select(r => (double)r.StoredProgress)):0})"));
        table.Add(Name, "events missed, all clients", Invariant($"{missed}"), "0", missed == 0);
        table.Add(Name, "events out of order, all clients", Invariant($"{outOfOrder}"), "0", outOfOrder == 0);
        table.Add(Name, "gaps in stored sequence", Invariant($"{gaps}"), "0", gaps == 0);
        table.Add(Name, "events read back (stored before join)", Invariant($"{watched.Sum(r => r.CaughtUpOnly())}"));
        table.Add(Name, "progress pushes timed", Invariant($"{delays.Count}"));
        table.Add(Name, "delivery delay p50", Invariant($"{Figures.Percentile(delays, 0.5):0.0} ms"));
        table.Add(Name, "delivery delay p95", Invariant($"{p95:0.0} ms"), Invariant($"< {DelayGoalMs:0} ms"), delays.Count > 0 && p95 < DelayGoalMs);
        table.Add(Name, "delivery delay max", Invariant($"{(delays.Count == 0 ? double.NaN : delays.Max()):0.0} ms"));
        table.Add(Name, "tok/s, nobody watching (median)", Invariant($"{baseline:0} ({string.Join(", ", alone.Select(r => r.TokensPerSecond.ToString("0", CultureInfo.InvariantCulture)))})"));
        table.Add(Name, Invariant($"tok/s, {watchers} watching (median)"), Invariant($"{loaded:0} ({string.Join(", ", watched.Select(r => r.TokensPerSecond.ToString("0", CultureInfo.InvariantCulture)))})"));
        table.Add(Name, "throughput drop while watched", Invariant($"{drop:+0.0%;-0.0%}"), Invariant($"< {ThroughputGoal:0%}"), drop < ThroughputGoal);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
