using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Training;
using Portal.Web.Services.Playground;
using Portal.Web.Services.Training;

namespace LoadBench.Burst;

/// <summary>
/// The generation API with three tiny candidates and a model cache that holds two: first requests one at a time
/// (idle), then several writers each with many requests in flight, sending the next as soon as one is answered
/// (100 ms after a refusal), well past the per-minute limit and the one-run-per-writer rule, while the process's
/// memory and the cache are sampled.
/// </summary>
internal sealed class BurstScenario(BenchOptions options, ResultTable table)
{
    private const string Name = "burst";
    private const int Models = 3;

    /// <summary>Low, so that even a slow machine's writers use up their allowance within the burst; high enough for tens of admitted runs to measure.</summary>
    private const int RequestsPerMinute = 12;

    /// <summary>One request at a time, enough of them for a steady median (each writer stays within the limit).</summary>
    private const int IdleRequests = 30;

    private const int RequestersPerWriter = 8;
    private const double LatencyGoal = 2.0;

    /// <summary>What a script that ignores Retry-After waits before trying again.</summary>
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var seconds = options.Quick ? 6 : 30;
        Console.WriteLine($"[{Name}] {options.BurstWriters} writers x {RequestersPerWriter} requests in flight for {seconds} s, {RequestsPerMinute} generations a minute each");
        var (candidates, modelBytes, dataDirectory) = await TrainCandidatesAsync(cancellationToken);

        // Room for two of the three models and not the third, so that the burst keeps swapping them; known only now
        // that their size is, so the portal starts again on the same data with that budget.
        var cacheMegabytes = (int)Math.Floor(2.5 * modelBytes / 1048576.0);
        await using var portal = LoadPortal.Start(new Dictionary<string, string>
        {
            ["Portal:Playground:RequestsPerMinute"] = RequestsPerMinute.ToString(CultureInfo.InvariantCulture),
            ["Portal:Playground:ModelCacheMegabytes"] = cacheMegabytes.ToString(CultureInfo.InvariantCulture),
        }, dataDirectory: dataDirectory);
        var cache = portal.Services.GetRequiredService<LoadedModelCache>();
        Console.WriteLine(Invariant($"  candidates {string.Join(", ", candidates)}: {modelBytes / 1048576.0:0.0} MB of weights each; a {cacheMegabytes} MB model cache holds {cache.BudgetBytes / modelBytes} of them"));

        // The first call of each model loads it and compiles the path; not measured, and the admin's own allowance.
        using (var api = portal.CreateApiClient())
        {
            foreach (var candidate in candidates)
                Require(await GenerateCall.SendAsync(api, candidate, cancellationToken), "warm-up");
        }

        // Idle: one request at a time, spread over writers of their own so that none reaches the limit.
        var idleWriters = await portal.CreateWritersAsync("idle", Models);
        var idle = await IdleAsync(portal, idleWriters, candidates, options.Quick ? 6 : IdleRequests, cancellationToken);

        var writers = await portal.CreateWritersAsync("burst", options.BurstWriters);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var workingSetBefore = process.WorkingSet64;
        await using var sampler = new MemorySampler(cache);
        sampler.Start();
        var cpuBefore = process.TotalProcessorTime;
        var answers = await BurstAsync(portal, writers, candidates, TimeSpan.FromSeconds(seconds), cancellationToken);
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var peaks = await sampler.StopAsync();

        Report(answers, idle, peaks, workingSetBefore, cache.BudgetBytes, modelBytes, seconds);
        // The portal and the bench's own clients share the process: this is both, on all cores.
        table.Add(Name, "CPU in the burst (portal and clients)", Invariant($"{cpuSeconds:0.0} s of {seconds * Environment.ProcessorCount} s ({cpuSeconds * 1000 / answers.Count:0.00} ms a request)"));
    }

    /// <summary>
    /// Three tiny candidates of the sample verses, trained by a portal of their own, 30 steps each (quick to train,
    /// and the playground serves them as any other), told apart by their seed (the same settings would be the same job).
    /// </summary>
    private static async Task<(IReadOnlyList<long> Candidates, long ModelBytes, string DataDirectory)> TrainCandidatesAsync(CancellationToken cancellationToken)
    {
        await using var portal = LoadPortal.Start();
        using var api = portal.CreateApiClient();
        var ids = new List<long>();
        for (var seed = 1; seed <= Models; seed++)
            ids.Add(await BenchJobs.QueueAsync(api, BenchJobs.Steps(30, seed) with { EvalInterval = 10 }, cancellationToken));
        var folders = portal.Services.GetRequiredService<TrainingFolders>();
        var store = portal.Services.GetRequiredService<ITrainingJobStore>();
        long modelBytes = 0;
        foreach (var id in ids)
        {
            await BenchJobs.FinishAsync(api, id, cancellationToken);
            var job = await store.FindAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Job {id} vanished.");
            var folder = folders.CompleteCandidate(job) ?? throw new InvalidOperationException($"Job {id} left no complete model folder.");
            modelBytes = Math.Max(modelBytes, LoadedModelCache.CostOf(folder));
        }
        // Handed on to the portal that serves them, which deletes it.
        portal.DeleteDataOnDispose = false;
        return (ids, modelBytes, portal.DataDirectory);
    }

    /// <summary>One request at a time, going round the models as the burst's writers do together.</summary>
    private static async Task<List<GenerateAnswer>> IdleAsync(LoadPortal portal, IReadOnlyList<BenchWriter> writers, IReadOnlyList<long> candidates, int requests, CancellationToken cancellationToken)
    {
        var clients = writers.Select(w => portal.CreateApiClient(w.Token)).ToList();
        try
        {
            var answers = new List<GenerateAnswer>();
            for (var i = 0; i < requests; i++)
                answers.Add(Require(await GenerateCall.SendAsync(clients[i % clients.Count], candidates[i % candidates.Count], cancellationToken), "idle"));
            return answers;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Each writer on a model of their own, with many requests in flight at once until the time is up.</summary>
    private static async Task<List<GenerateAnswer>> BurstAsync(
        LoadPortal portal, IReadOnlyList<BenchWriter> writers, IReadOnlyList<long> candidates, TimeSpan duration, CancellationToken cancellationToken)
    {
        var answers = new List<GenerateAnswer>();
        var clients = writers.Select(w => portal.CreateApiClient(w.Token)).ToList();
        try
        {
            var until = DateTimeOffset.UtcNow + duration;
            var requesters = writers.SelectMany((_, w) => Enumerable.Range(0, RequestersPerWriter).Select(async _ =>
            {
                while (DateTimeOffset.UtcNow < until)
                {
                    var answer = await GenerateCall.SendAsync(clients[w], candidates[w % candidates.Count], cancellationToken);
                    lock (answers)
                        answers.Add(answer);
                    if (answer.Status != HttpStatusCode.OK)
                        await Task.Delay(RetryPause, cancellationToken);
                }
            }));
            await Task.WhenAll(requesters);
            return answers;
        }
        finally
        {
            foreach (var client in clients)
                client.Dispose();
        }
    }

    private void Report(List<GenerateAnswer> answers, List<GenerateAnswer> idleAnswers, MemoryPeaks peaks, long workingSetBefore, long budget, long modelBytes, int seconds)
    {
        var admitted = answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Milliseconds).ToList();
        var limited = answers.Where(a => a.Status == HttpStatusCode.TooManyRequests).ToList();
        var busy = answers.Count(a => a.Status == HttpStatusCode.Conflict);
        var full = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        var other = answers.Where(a => a.Status is not (HttpStatusCode.OK or HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable)).ToList();
        var withoutRetryAfter = limited.Count(a => !a.HasRetryAfter);
        foreach (var answer in other.Take(5))
            Console.WriteLine($"    {(int)answer.Status}: {answer.Problem}");

        var idle = idleAnswers.Select(a => a.Milliseconds).ToList();
        var idleServer = idleAnswers.Select(a => a.ServerMilliseconds!.Value).ToList();
        table.Add(Name, "idle: generating p50 / p95", Invariant($"{Figures.Percentile(idleServer, 0.5):0} / {Figures.Percentile(idleServer, 0.95):0} ms"));
        var idleP50 = Figures.Percentile(idle, 0.5);
        var idleP95 = Figures.Percentile(idle, 0.95);
        var p50 = Figures.Percentile(admitted, 0.5);
        var p95 = Figures.Percentile(admitted, 0.95);
        table.Add(Name, "requests in the burst", Invariant($"{answers.Count} in {seconds} s from {options.BurstWriters} writers"));
        // The bucket's tokens at the start and those it gains during the burst: what the limiter may let through.
        var allowance = options.BurstWriters * (RequestsPerMinute + (int)Math.Ceiling(seconds * RequestsPerMinute / 60.0));
        table.Add(Name, "200 admitted", Invariant($"{admitted.Count}"), Invariant($"1 to {allowance} (the limit)"), admitted.Count > 0 && admitted.Count <= allowance);
        table.Add(Name, "429 rate limited (with Retry-After)", Invariant($"{limited.Count} ({limited.Count - withoutRetryAfter})"), "> 0, all with", limited.Count > 0 && withoutRetryAfter == 0);
        table.Add(Name, "409 already running", Invariant($"{busy}"));
        table.Add(Name, "503 machine at capacity (with Retry-After)", Invariant($"{full.Count} ({full.Count(a => a.HasRetryAfter)})"), "all with", full.All(a => a.HasRetryAfter));
        table.Add(Name, "other answers", Invariant($"{other.Count}"), "0", other.Count == 0);
        table.Add(Name, "idle latency p50 / p95", Invariant($"{idleP50:0} / {idleP95:0} ms"));
        var server = answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.ServerMilliseconds!.Value).ToList();
        table.Add(Name, "admitted: generating p50 / p95", Invariant($"{Figures.Percentile(server, 0.5):0} / {Figures.Percentile(server, 0.95):0} ms"));
        table.Add(Name, "admitted latency p50", Invariant($"{p50:0} ms ({p50 / idleP50:0.0}x)"), Invariant($"<= {LatencyGoal:0}x idle"), p50 <= LatencyGoal * idleP50);
        table.Add(Name, "admitted latency p95", Invariant($"{p95:0} ms ({p95 / idleP95:0.0}x)"), Invariant($"<= {LatencyGoal:0}x idle"), p95 <= LatencyGoal * idleP95);
        table.Add(Name, "model cache, accounted peak", Invariant($"{Megabytes(peaks.CachedBytes)} MB"), Invariant($"<= {Megabytes(budget)} MB budget"), peaks.CachedBytes <= budget);
        // The cache lets a model evicted while generating finish first, and one being stopped is still in memory: the
        // memory the models really take is this, whatever the cache accounts.
        table.Add(Name, "models in memory incl. evicted, peak", Invariant($"{Megabytes(peaks.InMemoryBytes)} MB, {peaks.MostModelsInMemory} models"),
            Invariant($"<= {Megabytes(budget)} MB budget"), peaks.InMemoryBytes <= budget);
        table.Add(Name, "process working set before / peak", Invariant($"{Megabytes(workingSetBefore)} / {Megabytes(peaks.WorkingSetBytes)} MB"));
        table.Add(Name, "tiny model weights", Invariant($"{modelBytes / 1048576.0:0.0} MB"));
    }

    private static GenerateAnswer Require(GenerateAnswer answer, string what) =>
        answer.Status == HttpStatusCode.OK
            ? answer
            : throw new InvalidOperationException($"A {what} generation answered {(int)answer.Status}: {answer.Problem}");

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
