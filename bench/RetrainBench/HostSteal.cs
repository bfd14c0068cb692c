using System.Globalization;

namespace RetrainBench;

/// <summary>
/// Steal time from /proc/stat (Linux): CPU time the hypervisor gave to other guests while this machine's CPUs had work.
/// Training keeps every core busy, so steal during a job is wall time it lost to the host, not to the portal; a round
/// whose two jobs saw very different steal compares the host's neighbours, not the two paths.
/// </summary>
internal static class HostSteal
{
    /// <summary>Steal seconds summed over all CPUs since boot; 0 where /proc/stat has no steal column.</summary>
    public static double Seconds()
    {
        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 8 ? long.Parse(fields[8], CultureInfo.InvariantCulture) / ThreadCpu.TicksPerSecond : 0;
    }
}
