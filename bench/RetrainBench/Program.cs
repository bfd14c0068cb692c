using System.Globalization;

// dotnet run -c Release --project bench/RetrainBench [-- --smoke] [-- --only 50-small] [-- --rounds 3]
// For each scenario: a fresh portal (loopback Kestrel, in-portal worker), "Retrain now" over REST with the From scratch
// preset, a SignalR watcher on /hubs/training, and the same job on the engine alone for the overhead figure; rounds
// run in the order portal-engine, engine-portal, ... after one unmeasured job through each path, and unmeasured
// portal jobs until one leaves the runtime's background compiler quiet. Figures are means over
// the rounds; delays are over every progress event of every round; "cold overhead" is the first job's, JIT included.
// A second line per scenario gives the overhead round by round with its spread, the host's steal time during each
// job, how long the training threads stood waiting for a core, and the CPU the portal's threads other than training
// took meanwhile (per-thread figures from /proc): measures of the queue and hub that the host's drift does not blur.
namespace RetrainBench;

// Not top-level statements: those would declare a second global Program beside the portal's.
internal static class RetrainBenchMain
{
    /// <summary>A job during which the background compiler took less CPU than this counts as warm (/proc counts 10 ms ticks).</summary>
    private const double QuietJitSeconds = 0.05;

    private const int MaxWarmUps = 4;

    public static async Task Main(string[] args)
    {
        var smoke = args.Contains("--smoke");
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        var rounds = int.Parse(args.SkipWhile(a => a != "--rounds").Skip(1).FirstOrDefault() ?? (smoke ? "1" : "3"), CultureInfo.InvariantCulture);
        Scenario[] scenarios = smoke
            ? [new("sample-tiny-smoke", 0, "tiny", MaxSteps: 20)]
            : [new("sample-tiny", 0, "tiny"), new("sample-small", 0, "small"), new("50-tiny", 50, "tiny"), new("50-small", 50, "small")];

        Console.WriteLine($"Retrain bench on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine("scenario            verses  steps  click->candidate  portal tok/s  engine tok/s  wall/step portal  engine  overhead  events  delay p50  p95  max (ms)  in order  CPU/step portal  engine  cold overhead");
        foreach (var scenario in scenarios.Where(s => only is null || s.Name == only))
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(30));
            await using var portal = BenchPortal.Start(seedSamples: scenario.Verses == 0);
            if (scenario.Verses > 0)
                await PortalRetrain.ImportAsync(portal, SyntheticVerses.Create(scenario.Verses), cancel.Token);

            // The scenario's own job through both paths first, kept apart from the rounds: in a fresh process the JIT
            // recompiles hot code on a background thread, and on 2 cores that thread takes 20-60% of a core from
            // training for several seconds (sampled per thread from /proc). A portal that has run one job has paid
            // that; the rounds measure the jobs after it. The first job's figure is printed too, as "cold".
            var cold = await PortalRetrain.RunAsync(portal, scenario.Request(), cancel.Token);
            await DirectTraining.RunAsync(portal, cold.Job, cancel.Token);

            // The portal's own code (hub, event store, EF) runs a few times a second, so it crosses the runtime's
            // call-count threshold for tier-1 recompiling later than training's: its second job still gave the
            // background compiler 0.5 s of CPU, against 0.1 s during the engine's. Portal jobs run, unmeasured, until
            // one leaves the compiler quiet, as it is in a portal that has been up for a while.
            var warmUps = 0;
            for (var last = cold; last.Costs.JitCpuSeconds > QuietJitSeconds && warmUps < MaxWarmUps; warmUps++)
                last = await PortalRetrain.RunAsync(portal, scenario.Request(), cancel.Token);

            // Rounds in the order portal, engine, engine, portal, ..., so that warm-up and whatever a run leaves
            // behind for the next one fall on both sides alike.
            var portalRuns = new List<PortalFigures>();
            var engineRuns = new List<EngineFigures>();
            for (var round = 0; round < rounds; round++)
            {
                if (round % 2 == 1)
                    engineRuns.Add(await DirectTraining.RunAsync(portal, portalRuns[^1].Job, cancel.Token));
                portalRuns.Add(await PortalRetrain.RunAsync(portal, scenario.Request(), cancel.Token));
                if (round % 2 == 0)
                    engineRuns.Add(await DirectTraining.RunAsync(portal, portalRuns[^1].Job, cancel.Token));
            }

            var portalWallPerStep = portalRuns.Sum(r => r.Job.Metrics!.ElapsedSeconds) / portalRuns.Sum(r => r.Steps);
            var engineWallPerStep = engineRuns.Sum(r => r.ElapsedSeconds) / engineRuns.Sum(r => r.Steps);
            var overhead = (portalWallPerStep - engineWallPerStep) / engineWallPerStep;
            var coldOverhead = (cold.Job.Metrics!.ElapsedSeconds / cold.Steps - engineWallPerStep) / engineWallPerStep;
            var delays = portalRuns.SelectMany(r => r.DelaysMs).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{scenario.Name,-19} {portalRuns[0].Job.VerseCount,6} {portalRuns[0].Steps,6} {portalRuns.Average(r => r.ClickToCandidateSeconds),15:0.0} s {portalRuns.Average(r => r.TokensPerSecond),13:0} {engineRuns.Average(r => r.TokensPerSecond),13:0} {portalWallPerStep * 1000,13:0.0} ms {engineWallPerStep * 1000,6:0.0} ms {overhead,8:+0.0%;-0.0%;0.0%} {delays.Count,7} {Percentile(delays, 0.5),9:0.0} {Percentile(delays, 0.95),5:0.0} {(delays.Count == 0 ? 0 : delays[^1]),5:0.0}      {(portalRuns.All(r => r.InOrder) ? "yes" : "NO"),8} {portalRuns.Sum(r => r.Costs.CpuSeconds) / portalRuns.Sum(r => r.Steps) * 1000,8:0.0} ms {engineRuns.Sum(r => r.Costs.CpuSeconds) / engineRuns.Sum(r => r.Steps) * 1000,6:0.0} ms {coldOverhead,9:+0.0%;-0.0%;0.0%}"));
            PrintOverheadDetail(portalRuns, engineRuns, engineWallPerStep, warmUps);
        }
    }

    /// <summary>
    /// The wall-clock overhead round by round (each round's two jobs ran back to back, so a slow spell of the machine
    /// falls on both), its mean with two standard errors, the host's steal time during each job, and two measures of
    /// the queue and hub alone that the machine's drift between jobs does not blur: how long the training threads
    /// waited for a core, and the CPU the portal's other threads took meanwhile.
    /// </summary>
    private static void PrintOverheadDetail(List<PortalFigures> portalRuns, List<EngineFigures> engineRuns, double engineWallPerStep, int warmUps)
    {
        var paired = portalRuns.Zip(engineRuns, (p, e) => p.Job.Metrics!.ElapsedSeconds / p.Steps / (e.ElapsedSeconds / e.Steps) - 1).ToList();
        var mean = paired.Average();
        var standardError = paired.Count > 1
            ? Math.Sqrt(paired.Sum(x => (x - mean) * (x - mean)) / (paired.Count - 1) / paired.Count)
            : double.NaN;
        var portalBeside = portalRuns.Sum(r => r.Costs.BesideTrainingCpuSeconds) / portalRuns.Sum(r => r.Steps);
        var engineBeside = engineRuns.Sum(r => r.Costs.BesideTrainingCpuSeconds) / engineRuns.Sum(r => r.Steps);
        // Training keeps every core busy, so CPU another thread takes is wall time training loses, spread over the cores.
        var cpuShare = (portalBeside - engineBeside) / (engineWallPerStep * Environment.ProcessorCount);
        var portalWait = portalRuns.Sum(r => r.Costs.TrainingWaitSeconds) / portalRuns.Sum(r => r.Steps);
        var engineWait = engineRuns.Sum(r => r.Costs.TrainingWaitSeconds) / engineRuns.Sum(r => r.Steps);
        // Summed over the training threads: at most what waiting for a core cost training, since one thread's wait
        // stalls the others only inside a parallel region. Time the host took (steal) is not in it.
        var waitShare = (portalWait - engineWait) / engineWallPerStep;
        var steal = portalRuns.Zip(engineRuns, (p, e) => string.Create(CultureInfo.InvariantCulture, $"{p.Costs.StealSeconds / p.Steps * 1000:0.0}/{e.Costs.StealSeconds / e.Steps * 1000:0.0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  overhead by round {string.Join(", ", paired.Select(x => x.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture)))}: mean {mean:+0.0%;-0.0%;0.0%} +/- {2 * standardError:0.0%} (2 SE); "
            + $"host steal per step by round portal/engine {string.Join(", ", steal)} ms; "
            + $"training threads waiting for a core portal {portalWait * 1000:0.00} / engine {engineWait * 1000:0.00} ms per step, {waitShare:+0.00%;-0.00%;0.00%} of the wall clock; "
            + $"CPU beside training portal {portalBeside * 1000:0.0} / engine {engineBeside * 1000:0.0} ms per step (the portal's includes recording the candidate): queue and hub {cpuShare:+0.00%;-0.00%;0.00%} of the cores; "
            + $"background compiler per job portal {portalRuns.Average(r => r.Costs.JitCpuSeconds) * 1000:0} / engine {engineRuns.Average(r => r.Costs.JitCpuSeconds) * 1000:0} ms after {warmUps} extra warm-up job(s); "
            + $"garbage collections per job portal {portalRuns.Average(r => r.Costs.Collections):0} / engine {engineRuns.Average(r => r.Costs.Collections):0} ({System.Runtime.GCSettings.IsServerGC switch { true => "server", false => "workstation" }} GC)"));
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

internal sealed record Scenario(string Name, int Verses, string Size, int? MaxSteps = null)
{
    public object Request() => MaxSteps is null
        ? new { preset = "Scratch", modelSize = Size }
        : new { preset = "Custom", settings = Portal.Core.Training.TrainingSettings.ForPreset(Portal.Core.Training.RetrainPreset.Scratch, Size) with { MaxSteps = MaxSteps, EvalInterval = 10 } };
}
