using System.Globalization;

namespace LoadBench;

/// <summary>The command line: which scenarios, how long, how hard.</summary>
internal sealed record BenchOptions(
    bool Quick, string? Only, int Rounds, TimeSpan ReportInterval, int Watchers, int Editors, TimeSpan EditSeconds, int BurstWriters, TimeSpan Limit)
{
    public static readonly string[] Scenarios = ["watchers", "editors", "burst"];

    public const string Usage =
        "Usage: [--quick] [--only watchers|editors|burst] [--rounds N (pairs of jobs, default 2)] [--report-ms N (default 100)] "
        + "[--watchers N (default 50)] [--editors N (default 20)] [--edit-seconds N (default 40)] [--burst-writers N (default 3)] "
        + "[--limit-minutes N (per scenario; default 5, quick 2)]";

    public static BenchOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var only = Option(args, "--only");
        if (only is not null && !Scenarios.Contains(only))
            throw new ArgumentException($"--only takes one of {string.Join(", ", Scenarios)}, not \"{only}\". {Usage}");
        var options = new BenchOptions(
            quick,
            only,
            Number(args, "--rounds", 2),
            TimeSpan.FromMilliseconds(Number(args, "--report-ms", 100)),
            Number(args, "--watchers", 50),
            Number(args, "--editors", 20),
            TimeSpan.FromSeconds(Number(args, "--edit-seconds", quick ? 8 : 40)),
            Number(args, "--burst-writers", 3),
            TimeSpan.FromMinutes(Number(args, "--limit-minutes", quick ? 2 : 5)));
        return options;
    }

    public bool Runs(string scenario) => Only is null || Only == scenario;

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static int Number(string[] args, string name, int fallback)
    {
        var text = Option(args, name);
        if (text is null)
            return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} takes a whole number above 0, not \"{text}\". {Usage}");
    }
}
