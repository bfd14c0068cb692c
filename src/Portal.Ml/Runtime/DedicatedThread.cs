namespace Portal.Ml.Runtime;

/// <summary>
/// Runs model work (a training run, a comparison, an export) on a thread of its own rather than the thread pool: it
/// holds its thread for seconds to hours, and TorchSharp's dispose scopes belong to the thread that opened them.
/// </summary>
public static class DedicatedThread
{
    /// <returns>The work's result, or its exception, handed to the awaiting caller (a thread's own unhandled exception would end the process).</returns>
    public static Task<T> Run<T>(string name, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        {
            Name = name,
            // A process that must exit is not held up by work that nobody waits for any more or that ignores its token.
            IsBackground = true,
        };
        thread.Start();
        return completion.Task;
    }
}
