using System.Globalization;

// dotnet run -c Release --project bench/RetrainBench [-- --smoke] [-- --only 50-small]
// For each scenario: a fresh portal (loopback Kestrel, in-portal worker), "Retrain now" over REST with the From scratch
// preset, a SignalR watcher on /hubs/training, then the same job on the engine alone for the overhead figure.
namespace RetrainBench;

// Not top-level statements: those would declare a second global Program beside the portal's.
internal static class RetrainBenchMain
{
    public static async Task Main(string[] args)
    {
        var smoke = args.Contains("--smoke");
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        Scenario[] scenarios = smoke
            ? [new("sample-tiny-smoke", 0, "tiny", MaxSteps: 20)]
            : [new("sample-tiny", 0, "tiny"), new("sample-small", 0, "small"), new("50-tiny", 50, "tiny"), new("50-small", 50, "small")];

        Console.WriteLine($"Retrain bench on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine("scenario            verses  steps  click->candidate  portal tok/s  engine tok/s  wall/step portal  engine  overhead  events  delay p50  p95  max (ms)  in order");
        foreach (var scenario in scenarios.Where(s => only is null || s.Name == only))
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(30));
            await using var portal = BenchPortal.Start(seedSamples: scenario.Verses == 0);
            if (scenario.Verses > 0)
                await PortalRetrain.ImportAsync(portal, SyntheticVerses.Create(scenario.Verses), cancel.Token);

            var figures = await PortalRetrain.RunAsync(portal, scenario.Request(), cancel.Token);
            var engine = await DirectTraining.RunAsync(portal, figures.Job, cancel.Token);

            var portalWallPerStep = figures.Job.Metrics!.ElapsedSeconds / figures.Steps;
            var engineWallPerStep = engine.ElapsedSeconds / engine.Steps;
            var overhead = (portalWallPerStep - engineWallPerStep) / engineWallPerStep;
            var delays = figures.DelaysMs.Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{scenario.Name,-19} {figures.Job.VerseCount,6} {figures.Steps,6} {figures.ClickToCandidateSeconds,15:0.0} s {figures.TokensPerSecond,13:0} {engine.TokensPerSecond,13:0} {portalWallPerStep * 1000,13:0.0} ms {engineWallPerStep * 1000,6:0.0} ms {overhead,8:+0.0%;-0.0%} {delays.Count,7} {Percentile(delays, 0.5),9:0.0} {Percentile(delays, 0.95),5:0.0} {(delays.Count == 0 ? 0 : delays[^1]),5:0.0}      {(figures.InOrder ? "yes" : "NO")}"));
        }
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
