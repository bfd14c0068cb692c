using Microsoft.AspNetCore.SignalR.Client;
using Portal.Core.Training;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Training;

/// <summary>A SignalR client that records the "JobEvent" pushes it receives, in arrival order.</summary>
internal sealed class HubWatcher : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<JobEvent> received = [];
    private readonly List<(Func<JobEvent, bool> Match, TaskCompletionSource<JobEvent> Seen)> waits = [];

    private HubWatcher(HubConnection connection)
    {
        Connection = connection;
        connection.On<JobEvent>("JobEvent", Receive);
    }

    public HubConnection Connection { get; }

    public static async Task<HubWatcher> StartAsync(PortalFactory portal, string token)
    {
        var watcher = new HubWatcher(HubClient.Build(portal, token));
        await watcher.Connection.StartAsync();
        return watcher;
    }

    /// <summary>Pushes received so far for the job, in arrival order.</summary>
    public IReadOnlyList<JobEvent> Received(long jobId)
    {
        lock (gate)
            return received.Where(e => e.JobId == jobId).ToList();
    }

    public Task<JobEvent> PushedAsync(long jobId, Func<JobEvent, bool> match)
    {
        var seen = new TaskCompletionSource<JobEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (received.FirstOrDefault(e => e.JobId == jobId && match(e)) is { } already)
                return Task.FromResult(already);
            waits.Add((e => e.JobId == jobId && match(e), seen));
        }
        return seen.Task.WaitAsync(JobWaits.Limit);
    }

    public Task<JobEvent> FinishedAsync(long jobId) =>
        PushedAsync(jobId, e => e.Data.Kind == JobEventKind.State && e.Data.State is { } state && state.IsFinished());

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private void Receive(JobEvent jobEvent)
    {
        lock (gate)
        {
            received.Add(jobEvent);
            foreach (var wait in waits.Where(w => w.Match(jobEvent)).ToList())
            {
                wait.Seen.TrySetResult(jobEvent);
                waits.Remove(wait);
            }
        }
    }
}
