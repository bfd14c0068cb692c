namespace Portal.GitOps.Git;

/// <summary>
/// Runs libgit2 work one piece at a time, off the caller's thread. libgit2 repositories are not thread-safe and the
/// working clone is one directory: two operations at once would interleave writes to the same index and files.
/// </summary>
internal sealed class GitWorkQueue : IDisposable
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private volatile bool disposed;

    public async Task<T> RunAsync<T>(Func<CancellationToken, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ObjectDisposedException.ThrowIf(disposed, this);
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            // libgit2 calls block (disk, network); a pool thread keeps request threads and Blazor circuits free.
            return await Task.Run(() => work(cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            turn.Release();
        }
    }

    public Task RunAsync(Action<CancellationToken> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(token =>
        {
            work(token);
            return true;
        }, cancellationToken);
    }

    /// <summary>Waits for the operation in progress, so that no libgit2 call outlives the repository service.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        turn.Wait();
        turn.Release();
    }
}
