using System.Globalization;

namespace Portal.Web.Tests.BadInput.Import;

/// <summary>The resident memory of a portal started by <see cref="Support.PortalProcess"/>, read from /proc.</summary>
internal sealed class PortalMemory(int processId)
{
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
