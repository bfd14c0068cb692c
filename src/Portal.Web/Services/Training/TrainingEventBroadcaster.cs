using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using Portal.Core.Training;
using Portal.Web.Hubs;

namespace Portal.Web.Services.Training;

/// <summary>
/// Hands stored job events to the portal's own pages (in-process subscribers) and to SignalR clients (groups "jobs"
/// and "job-N"). One publication at a time, so that the events of a job reach every watcher in sequence order.
/// </summary>
public sealed class TrainingEventBroadcaster(IHubContext<TrainingHub> hub, ILogger<TrainingEventBroadcaster> logger)
{
    private readonly SemaphoreSlim publishing = new(1, 1);

    // Copy-on-write, so that publishing reads a stable list while handlers subscribe and leave.
    private ImmutableList<Subscription> subscribers = [];

    /// <summary>
    /// Calls <paramref name="handler"/> for every event published from now on, until the returned handle is disposed.
    /// Handlers run in the publisher's flow, in sequence order, and hold up the next event until they return: a
    /// component marshals with InvokeAsync, updates its state and returns; it never waits there on a change to the
    /// queue (queue, cancel), which is only stored after the current publication.
    /// </summary>
    public IDisposable Subscribe(Func<JobEvent, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, handler);
        ImmutableInterlocked.Update(ref subscribers, list => list.Add(subscription));
        return subscription;
    }

    public async Task PublishAsync(IReadOnlyList<JobEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
            return;
        await publishing.WaitAsync();
        try
        {
            foreach (var jobEvent in events)
            {
                foreach (var subscription in Volatile.Read(ref subscribers))
                    await NotifyAsync(subscription, jobEvent);
                await SendAsync(jobEvent);
            }
        }
        finally
        {
            publishing.Release();
        }
    }

    private async Task NotifyAsync(Subscription subscription, JobEvent jobEvent)
    {
        try
        {
            await subscription.Handler(jobEvent);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One broken page must not keep the event from the others, nor fail the worker that reported it.
            logger.LogWarning(e, "A subscriber failed on event {Sequence} of job {JobId}", jobEvent.Sequence, jobEvent.JobId);
        }
    }

    private async Task SendAsync(JobEvent jobEvent)
    {
        try
        {
            await hub.Clients.Groups(TrainingHub.AllJobsGroup, TrainingHub.JobGroup(jobEvent.JobId))
                .SendAsync(TrainingHub.JobEventMethod, jobEvent);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Watchers that miss a push catch up with GetEvents(after); the event is stored either way.
            logger.LogWarning(e, "Could not send event {Sequence} of job {JobId} to SignalR clients", jobEvent.Sequence, jobEvent.JobId);
        }
    }

    private void Unsubscribe(Subscription subscription) =>
        ImmutableInterlocked.Update(ref subscribers, list => list.Remove(subscription));

    private sealed class Subscription(TrainingEventBroadcaster owner, Func<JobEvent, Task> handler) : IDisposable
    {
        public Func<JobEvent, Task> Handler => handler;

        public void Dispose() => owner.Unsubscribe(this);
    }
}
