using System.Diagnostics;
using Portal.GitOps.Tests.Support;

namespace Portal.GitOps.Tests.Faults;

/// <summary>
/// Another process (flock(1) running a shell) holding the working clone's owner lock until disposed: what a second
/// portal on the same data directory does while it works on the clone.
/// </summary>
internal sealed class OwnerHolder : IDisposable
{
    private readonly Process process;
    private readonly string release;

    public OwnerHolder(TempDirectory temp, string clone)
    {
        var ready = temp.Combine("owner-held");
        release = temp.Combine("owner-release");
        var start = new ProcessStartInfo("flock") { UseShellExecute = false };
        foreach (var argument in new[] { "--exclusive", Path.TrimEndingDirectorySeparator(clone) + ".owner", "sh", "-c", $"touch '{ready}'; while [ ! -e '{release}' ]; do sleep 0.05; done" })
            start.ArgumentList.Add(argument);
        process = Process.Start(start) ?? throw new InvalidOperationException("flock did not start.");
        var watch = Stopwatch.StartNew();
        while (!File.Exists(ready))
        {
            if (process.HasExited || watch.Elapsed > TimeSpan.FromSeconds(20))
            {
                Dispose();
                throw new InvalidOperationException("flock did not take the owner lock.");
            }
            Thread.Sleep(20);
        }
    }

    public void Dispose()
    {
        File.WriteAllText(release, "");
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
