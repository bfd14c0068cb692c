using System.Globalization;

// dotnet run -c Release --project bench/PlaygroundBench [-- --rounds 10 --preset small --tokens 128]
// A fresh portal on a loopback port trains one candidate (From scratch on the sample verses, `small` or `tiny`) with
// its in-portal worker. The same candidate folder is then loaded into an engine InferenceWorker in this process, and
// the same generation (prompt, settings, seed, token budget, no stop strings) runs on the engine alone, through
// POST /api/generate/stream and through POST /api/generate, one at a time, after a warm-up of every path. Prints
// median and p90 first-token latency and tokens/s per path and the portal's overhead against the goals of issue 6.
namespace PlaygroundBench;

// Not top-level statements: those would declare a second global Program beside the portal's.
internal static class PlaygroundBenchMain
{
    private const int WarmUpRuns = 3;

    public static async Task Main(string[] args)
    {
        var rounds = int.Parse(Option(args, "--rounds") ?? "10", CultureInfo.InvariantCulture);
        var modelSize = Option(args, "--preset") ?? "small";
        var maxNewTokens = int.Parse(Option(args, "--tokens") ?? "128", CultureInfo.InvariantCulture);
        if (rounds < 1 || maxNewTokens < 1 || modelSize is not ("tiny" or "small"))
            throw new ArgumentException("Usage: [--rounds N (1 or more)] [--preset tiny|small] [--tokens N]");

        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(60));
        Console.WriteLine($"Playground bench on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        await using var portal = LoopbackPortal.Start();
        using var api = portal.CreateApiClient();

        Console.WriteLine($"Training a {modelSize} candidate (From scratch, sample verses) with the portal's worker...");
        var candidate = await CandidateTraining.TrainAsync(portal, api, modelSize, cancel.Token);
        Console.WriteLine(Invariant($"  job {candidate.JobId}: {candidate.Steps} steps in {candidate.Seconds:0.0} s, {candidate.Folder}"));

        await using var engine = EngineModel.Open(candidate.Folder);
        var bench = new BenchRounds(engine, api, candidate.JobId);
        var request = await bench.PickSeedAsync(BenchRequest.DefaultPrompt, maxNewTokens, cancel.Token);
        await bench.WarmUpAsync(request, WarmUpRuns, cancel.Token);
        Console.WriteLine($"Prompt \"{request.Prompt}\", seed {request.Seed}, up to {request.MaxNewTokens} new tokens; warm-up done, both paths write the same text.");

        Console.Write($"Measuring {rounds} rounds:");
        var results = await bench.MeasureAsync(request, rounds, round => Console.Write($" {round}"), cancel.Token);
        Console.WriteLine();
        var tokens = results.Engine[0].Tokens;
        Console.WriteLine($"Each run wrote {tokens} tokens ({results.Engine[0].Finish}); {rounds} rounds of engine, stream and JSON, order alternating.");
        Report.Print(results);
    }

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
