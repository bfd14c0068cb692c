namespace Portal.Worker.Loop;

/// <summary>
/// Runs long work on a thread of its own rather than the thread pool: a training run holds its thread for minutes to
/// hours, and TorchSharp's dispose scopes belong to the thread that opened them.
/// </summary>
internal static class DedicatedThread
{
    public static Task<T> Run<T>(string name, Func<T> work)
    {
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
            // A worker process that must exit is not held up by a run that ignores its token.
            IsBackground = true,
        };
        thread.Start();
        return completion.Task;
    }
}
