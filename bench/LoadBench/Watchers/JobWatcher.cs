using Microsoft.AspNetCore.SignalR.Client;
using Portal.Core.Training;

namespace LoadBench.Watchers;

/// <summary>What one watcher saw of a job: its pushes in arrival order and what it read back with GetEvents.</summary>
internal sealed record WatcherLog(IReadOnlyList<ReceivedEvent> Pushed, IReadOnlyList<long> CaughtUp);

/// <summary>A pushed event and when it arrived (the same clock the worker stamped ProducedAt with: one process).</summary>
internal sealed record ReceivedEvent(long Sequence, JobEventKind Kind, DateTimeOffset? ProducedAt, DateTimeOffset ReceivedAt);

/// <summary>
/// One writer's browser tab on the Retrain page, as a real SignalR client of /hubs/training over WebSockets: it joins
/// the job's group, then reads what it missed before joining with GetEvents, and records every push it receives.
/// </summary>
internal sealed class JobWatcher : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly HubConnection connection;
    private readonly List<ReceivedEvent> pushed = [];
    private readonly List<long> caughtUp = [];
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long watchedJob;

    private JobWatcher(Uri portal, string token)
    {
        connection = new HubConnectionBuilder()
            .WithUrl(new Uri(portal, "hubs/training"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        connection.On<JobEvent>("JobEvent", Receive);
    }

    public static async Task<JobWatcher> ConnectAsync(Uri portal, string token, CancellationToken cancellationToken)
    {
        var watcher = new JobWatcher(portal, token);
        await watcher.connection.StartAsync(cancellationToken);
        return watcher;
    }

    /// <summary>Joins the job's group, then catches up on the events stored before it joined.</summary>
    public async Task WatchAsync(long jobId, CancellationToken cancellationToken)
    {
        lock (gate)
            watchedJob = jobId;
        await connection.InvokeAsync("WatchJob", jobId, cancellationToken);
        var stored = await connection.InvokeAsync<List<JobEvent>>("GetEvents", jobId, 0L, cancellationToken);
        lock (gate)
        {
            caughtUp.AddRange(stored.Select(e => e.Sequence));
            if (stored.Any(IsEnd))
                finished.TrySetResult();
        }
    }

    /// <summary>Ends when the job's last state change has reached this watcher, pushed or read back.</summary>
    public Task Finished => finished.Task;

    public WatcherLog Log()
    {
        lock (gate)
            return new WatcherLog(pushed.ToList(), caughtUp.ToList());
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private void Receive(JobEvent jobEvent)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        lock (gate)
        {
            if (jobEvent.JobId != watchedJob)
                return;
            pushed.Add(new ReceivedEvent(jobEvent.Sequence, jobEvent.Data.Kind, jobEvent.Data.ProducedAt, receivedAt));
            if (IsEnd(jobEvent))
                finished.TrySetResult();
        }
    }

    private static bool IsEnd(JobEvent jobEvent) => jobEvent.Data is { Kind: JobEventKind.State, State: { } state } && state.IsFinished();
}
