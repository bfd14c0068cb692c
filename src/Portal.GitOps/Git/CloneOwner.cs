namespace Portal.GitOps.Git;

/// <summary>
/// An operating-system lock on a file beside the working clone, held for the length of one operation. The kernel lets
/// go of it when its process dies, however it dies, so a git lock file found while holding it was left by a process
/// that no longer works on the clone, and deleting it is safe. Another portal on the same data directory holds it
/// while it works, and its locks are then left alone.
/// </summary>
internal sealed class CloneOwner : IDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly FileStream file;

    private CloneOwner(FileStream file) => this.file = file;

    public static string PathFor(string workingDirectory) => Path.TrimEndingDirectorySeparator(workingDirectory) + ".owner";

    /// <exception cref="DeployBusyException">Another process held the clone for all of <paramref name="wait"/>.</exception>
    public static CloneOwner Acquire(string workingDirectory, TimeSpan wait, CancellationToken cancellationToken)
    {
        var path = PathFor(workingDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix and a share-mode lock on Windows: both die with the process.
                return new CloneOwner(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (cancellationToken.CanBeCanceled)
                    cancellationToken.WaitHandle.WaitOne(Poll);
                else
                    Thread.Sleep(Poll);
                cancellationToken.ThrowIfCancellationRequested();
            }
            catch (IOException e)
            {
                throw new DeployBusyException($"Another process has been working on the deploy repository's working clone for {wait.TotalSeconds:0} s ({path} is held); try again later.", e);
            }
        }
    }

    public void Dispose() => file.Dispose();
}
