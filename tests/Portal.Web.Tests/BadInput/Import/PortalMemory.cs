using System.Globalization;

namespace Portal.Web.Tests.BadInput.Import;

/// <summary>
/// The resident memory of a portal started by <see cref="Support.PortalProcess"/>, read from /proc: the process is the
/// one whose environment names the data directory (each test has its own).
/// </summary>
internal sealed class PortalMemory(int processId)
{
    public static PortalMemory Of(string dataDirectory)
    {
        var marker = $"Portal__DataDirectory={dataDirectory}\0";
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                continue;
            try
            {
                if (File.ReadAllText(Path.Combine(folder, "environ")).Contains(marker, StringComparison.Ordinal)
                    && File.ReadAllText(Path.Combine(folder, "cmdline")).Contains("Portal.Web.dll", StringComparison.Ordinal))
                    return new PortalMemory(id);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another user's process, or one that ended while we looked.
            }
        }
        throw new InvalidOperationException($"No portal process runs on {dataDirectory}.");
    }

    /// <summary>Resident memory now, in bytes.</summary>
    public long Resident => Field("VmRSS:");

    /// <summary>The most resident memory the process ever had, in bytes.</summary>
    public long Peak => Field("VmHWM:");

    private long Field(string name)
    {
        var line = File.ReadLines($"/proc/{processId}/status").Single(l => l.StartsWith(name, StringComparison.Ordinal));
        var kilobytes = long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }
}
