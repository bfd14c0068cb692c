using System.Diagnostics;

namespace Portal.Web.Tests.Faults.Training;

/// <summary>
/// A small tmpfs mounted over a folder, so that a test fills a real file system and the portal gets a real ENOSPC.
/// Needs root (CI runs as root); without it the test fails saying so, never skips. Unmounted on dispose, which
/// tests reach through `using` also when they fail.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private bool mounted;

    private TmpfsMount(string folder) => Folder = folder;

    public string Folder { get; }

    /// <summary>Bytes in use on the mount.</summary>
    public long UsedBytes
    {
        get
        {
            var drive = new DriveInfo(Folder);
            return drive.TotalSize - drive.AvailableFreeSpace;
        }
    }

    public static TmpfsMount Over(string folder, long sizeBytes)
    {
        Directory.CreateDirectory(folder);
        var mount = new TmpfsMount(folder);
        Run("mount", "-t", "tmpfs", "-o", $"size={sizeBytes}", "tmpfs", folder);
        mount.mounted = true;
        return mount;
    }

    /// <summary>Changes the size while it is mounted; what is on it stays.</summary>
    public void Resize(long sizeBytes) => Run("mount", "-o", $"remount,size={sizeBytes}", Folder);

    public void Dispose()
    {
        if (!mounted)
            return;
        mounted = false;
        try
        {
            Run("umount", Folder);
        }
        catch (InvalidOperationException)
        {
            // Something still holds a file there (a portal killed a moment ago): detach now, freed when let go.
            Run("umount", "-l", Folder);
        }
    }

    private static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var line = $"{command} {string.Join(' ', arguments)}";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"`{line}` did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"This test fills a small tmpfs and cannot run `{line}`: {e.Message}. It needs the mount tool and root (CI runs as root).", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException(
                    $"This test fills a small tmpfs and `{line}` failed with exit code {process.ExitCode}: {error.Trim()} {output.Result.Trim()} "
                    + $"(mounting needs root or CAP_SYS_ADMIN; the test process runs as uid {Environment.GetEnvironmentVariable("UID") ?? Id()}).");
        }
    }

    private static string Id()
    {
        try
        {
            return File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
