using System.Globalization;

namespace RetrainBench;

/// <summary>
/// CPU time of this process's threads, from /proc/self/task (Linux): what the portal spends beside training while a
/// job runs. The training thread (the worker's "Training job N", the engine's long-running task) and libtorch's
/// OpenMP threads, which take their name from the thread that started them, are left out; so are threads that ended
/// before the second snapshot, which are the job's own.
/// </summary>
internal static class ThreadCpu
{
    private static readonly string[] TrainingThreads = ["Training job", ".NET Long Runn"];

    /// <summary>The runtime's background compiler, which recompiles hot methods at tier 1 (comm is cut at 15 characters).</summary>
    private const string JitThread = ".NET Tiered Com";

    /// <summary>USER_HZ, the unit of CPU times in /proc, which the kernel fixes at 100 on every common architecture.</summary>
    internal const double TicksPerSecond = 100.0;

    public static Dictionary<int, (string Name, double Seconds)> Snapshot()
    {
        var threads = new Dictionary<int, (string, double)>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = (name, ticks / TicksPerSecond);
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }
        return threads;
    }

    /// <summary>CPU seconds the threads other than training spent between two snapshots.</summary>
    public static double BesideTraining(Dictionary<int, (string Name, double Seconds)> before, Dictionary<int, (string Name, double Seconds)> after) =>
        Spent(before, after, name => !IsTraining(name));

    /// <summary>CPU seconds the background compiler spent between two snapshots.</summary>
    public static double Jit(Dictionary<int, (string Name, double Seconds)> before, Dictionary<int, (string Name, double Seconds)> after) =>
        Spent(before, after, name => name == JitThread);

    private static double Spent(Dictionary<int, (string Name, double Seconds)> before, Dictionary<int, (string Name, double Seconds)> after, Func<string, bool> counted) =>
        after.Where(t => counted(t.Value.Name))
            .Sum(t => t.Value.Seconds - (before.TryGetValue(t.Key, out var b) && b.Name == t.Value.Name ? b.Seconds : 0));

    /// <summary>Whether a thread of this name trains: the job's own thread or an OpenMP thread it started.</summary>
    public static bool IsTraining(string name) => TrainingThreads.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
}
