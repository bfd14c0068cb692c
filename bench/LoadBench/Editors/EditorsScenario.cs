using System.Globalization;
using Portal.Core.Training;
using Portal.Web.Api;

namespace LoadBench.Editors;

/// <summary>
/// Writers import and edit their verses while a training job runs, for a fixed time; then the database is compared
/// with what every writer was told. The same job runs as long with nobody editing, for its throughput alone. Rounds
/// alternate alone, edited, edited, alone, after one unmeasured job that pays the JIT's warm-up.
/// </summary>
internal sealed class EditorsScenario(BenchOptions options, ResultTable table)
{
    private const string Name = "editors";
    private const int VersesPerWriter = 20;
    private const int DeletesPerWriter = 3;

    /// <summary>A writer's pause between two requests: far busier than a person, without turning 20 writers into a flood.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    // Longer than any round: the job is stopped when the round ends, so its figures cover the round and nothing else.
    private static readonly TrainingSettings EndlessJob = BenchJobs.Steps(100_000);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine($"[{Name}] {options.Editors} writers, {VersesPerWriter} verses each, editing for {options.EditSeconds.TotalSeconds:0} s beside a tiny job");
        await using var portal = LoadPortal.Start();
        using var api = portal.CreateApiClient();
        await BenchJobs.ImportAsync(api, Enumerable.Range(1, 50).Select(i => BenchVerses.Create("the library", i)), cancellationToken);
        var writers = await portal.CreateWritersAsync("editor", options.Editors);

        var warmUp = await BenchJobs.FinishAsync(api, await BenchJobs.QueueAsync(api, BenchJobs.Steps(options.Quick ? 10 : 60), cancellationToken), cancellationToken);
        Console.WriteLine(Invariant($"  warm-up job {warmUp.Id}: {warmUp.Metrics?.Steps} steps, {warmUp.Metrics?.TokensPerSecond:0} tok/s (not counted)"));

        var order = options.Quick ? new[] { false, true } : Enumerable.Range(0, options.Rounds).SelectMany(r => r % 2 == 0 ? new[] { false, true } : [true, false]).ToArray();
        var alone = new List<double>();
        var edited = new List<double>();
        var sessions = new List<EditorSession>();
        var checks = new List<LibraryCheckResult>();
        for (var round = 0; round < order.Length; round++)
        {
            var id = await BenchJobs.QueueAsync(api, EndlessJob, cancellationToken);
            await BenchJobs.WaitAsync(api, id, state => state == JobState.Running, cancellationToken);
            var roundSessions = order[round] ? await EditAsync(portal, writers, round, cancellationToken) : null;
            if (roundSessions is null)
                await Task.Delay(options.EditSeconds, cancellationToken);
            var job = await BenchJobs.CancelAsync(api, id, cancellationToken);
            var tokensPerSecond = await TokensPerSecondAsync(api, job, cancellationToken);
            (order[round] ? edited : alone).Add(tokensPerSecond);

            if (roundSessions is null)
            {
                Console.WriteLine(Invariant($"  job {id}, nobody editing: {job.Metrics?.Steps} steps, {tokensPerSecond:0} tok/s"));
                continue;
            }
            var check = await LibraryCheck.CompareAsync(api, roundSessions, cancellationToken);
            checks.Add(check);
            sessions.AddRange(roundSessions);
            Console.WriteLine(Invariant(
                $"  job {id}, {writers.Count} editing: {job.Metrics?.Steps} steps, {tokensPerSecond:0} tok/s; {roundSessions.Sum(s => s.Operations)} operations, {roundSessions.Sum(s => s.Errors.Count)} errors, {roundSessions.Sum(s => s.LostEdits) + check.Total} lost or wrong verses of {check.Checked}"));
            foreach (var problem in roundSessions.SelectMany(s => s.Errors).Concat(check.Problems).Take(10))
                Console.WriteLine($"    {problem}");
            // Back to the library the next job's snapshot expects, so that every round trains on the same verses.
            await Task.WhenAll(roundSessions.Select(s => s.CleanUpAsync(cancellationToken)));
            roundSessions.ForEach(s => s.Dispose());
        }
        Report(sessions, checks, alone, edited);
    }

    private async Task<List<EditorSession>> EditAsync(LoadPortal portal, IReadOnlyList<BenchWriter> writers, int round, CancellationToken cancellationToken)
    {
        var sessions = writers.Select(w => new EditorSession(w, portal.CreateApiClient(w.Token), round * 1000 + 1, VersesPerWriter, DeletesPerWriter, Pause)).ToList();
        var until = DateTimeOffset.UtcNow + options.EditSeconds;
        await Task.WhenAll(sessions.Select(async s =>
        {
            await s.ImportAsync(cancellationToken);
            await s.RunAsync(until, cancellationToken);
        }));
        return sessions;
    }

    /// <summary>The stopped job's own figure (training time only), or its last progress event's when it kept none.</summary>
    private static async Task<double> TokensPerSecondAsync(HttpClient api, TrainingJobResponse job, CancellationToken cancellationToken)
    {
        if (job.Metrics is { TokensPerSecond: > 0 } metrics)
            return metrics.TokensPerSecond;
        var events = await BenchJobs.EventsAsync(api, job.Id, cancellationToken);
        return events.LastOrDefault(e => e.Data.Progress is not null)?.Data.Progress!.TokensPerSecond ?? double.NaN;
    }

    private void Report(List<EditorSession> sessions, List<LibraryCheckResult> checks, List<double> alone, List<double> edited)
    {
        var operations = sessions.Sum(s => s.Operations);
        var errors = sessions.Sum(s => s.Errors.Count);
        var lost = sessions.Sum(s => s.LostEdits) + checks.Sum(c => c.Total);
        var editMs = sessions.SelectMany(s => s.EditMs).ToList();
        var baseline = Figures.Median(alone);
        var loaded = Figures.Median(edited);
        var seconds = options.EditSeconds.TotalSeconds * checks.Count;

        table.Add(Name, "writers x edited rounds", Invariant($"{options.Editors} x {checks.Count}"));
        table.Add(Name, "operations (import, edit, read, delete)", Invariant($"{operations} ({operations / seconds:0} /s)"));
        table.Add(Name, "edits saved / deliberate stale saves", Invariant($"{sessions.Sum(s => s.Edits)} / {sessions.Sum(s => s.DeliberateConflicts)}"));
        table.Add(Name, "errors (non-2xx but deliberate 409s)", Invariant($"{errors}"), "0", errors == 0);
        table.Add(Name, "lost edits or wrong verses in the DB", Invariant($"{lost} of {checks.Sum(c => c.Checked)}"), "0", lost == 0);
        table.Add(Name, "edit latency p50", Invariant($"{Figures.Percentile(editMs, 0.5):0.0} ms"));
        table.Add(Name, "edit latency p95", Invariant($"{Figures.Percentile(editMs, 0.95):0.0} ms"));
        table.Add(Name, "import of 20 verses p95", Invariant($"{Figures.Percentile(sessions.Select(s => s.ImportMs), 0.95):0} ms"));
        table.Add(Name, "tok/s, nobody editing (median)", Invariant($"{baseline:0} ({Join(alone)})"));
        table.Add(Name, "tok/s, writers editing (median)", Invariant($"{loaded:0} ({Join(edited)})"));
        table.Add(Name, "throughput drop while edited", Invariant($"{Figures.Drop(baseline, loaded):+0.0%;-0.0%}"));
    }

    private static string Join(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("0", CultureInfo.InvariantCulture)));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
