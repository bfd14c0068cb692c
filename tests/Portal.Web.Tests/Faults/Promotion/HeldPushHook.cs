namespace Portal.Web.Tests.Faults.Promotion;

/// <summary>
/// A pre-receive hook in the remote's bare repository that holds every push open after the pack has arrived and
/// before any ref moves, until the test releases it; it then refuses the push, so the refs stay as they were. A
/// portal killed while it waits was killed during the push, deterministically.
/// </summary>
internal sealed class HeldPushHook : IDisposable
{
    private readonly string hook;
    private readonly string started;
    private readonly string release;

    public HeldPushHook(string bareRepository, string markerDirectory)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("The git test server and its hooks need Linux.");
        hook = Path.Combine(bareRepository, "hooks", "pre-receive");
        started = Path.Combine(markerDirectory, "push-started");
        release = Path.Combine(markerDirectory, "push-release");
        // Bounded: a test that never releases it does not leave a hook waiting for ever (10 minutes at most).
        File.WriteAllText(hook, $"""
            #!/bin/sh
            touch '{started}'
            n=0
            while [ ! -e '{release}' ] && [ $n -lt 12000 ]; do sleep 0.05; n=$((n+1)); done
            echo 'held by the test, then refused' >&2
            exit 1

            """);
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The push is on the remote, held in the hook.</summary>
    public bool Holding => File.Exists(started);

    /// <summary>Lets the held push end (refused) and takes the hook away, so that the next push goes through.</summary>
    public void Dispose()
    {
        File.WriteAllText(release, "");
        if (File.Exists(hook))
            File.Delete(hook);
    }
}
