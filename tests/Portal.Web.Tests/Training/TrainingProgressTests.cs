using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Core.Training;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Training;

/// <summary>Live progress over SignalR: every event, in order, and nothing lost across a reconnect.</summary>
[Collection(TrainingRuns.Name)]
public sealed class TrainingProgressTests
{
    [Fact]
    public async Task AWatcherReceivesEveryEventOfAJobInOrderUntilItSucceeds()
    {
        await using var portal = TrainingPortal.WithWorker();
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2, 3, 4);
        await using var watcher = await HubWatcher.StartAsync(portal, PortalFactory.AdminToken);
        await watcher.Connection.InvokeAsync("WatchAll");

        var queued = await admin.QueueAsync(TinyJob.Settings(maxSteps: 30));
        var last = await watcher.FinishedAsync(queued.Id);

        var pushed = watcher.Received(queued.Id);
        Assert.Equal(JobState.Succeeded, last.Data.State);
        // Watching before the job existed: the pushes alone are the whole history, 1..N, each once, in order.
        Assert.Equal(Enumerable.Range(1, pushed.Count).Select(n => (long)n), pushed.Select(e => e.Sequence));
        Assert.Equal(JobState.Queued, pushed[0].Data.State);
        var progress = pushed.Where(e => e.Data.Kind == JobEventKind.Progress).Select(e => e.Data.Progress!).ToList();
        Assert.NotEmpty(progress);
        Assert.Equal(30, progress.Max(p => p.Step));
        Assert.Equal(progress.Select(p => p.Step).Order(), progress.Select(p => p.Step));
        var stored = await admin.GetEventsAsync(queued.Id);
        Assert.Equal(stored.Select(e => (e.Sequence, e.Data.Kind)), pushed.Select(e => (e.Sequence, e.Data.Kind)));
    }

    [Fact]
    public async Task AWatcherThatReconnectsGetsExactlyTheEventsItMissed()
    {
        await using var portal = TrainingPortal.WithWorker();
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2, 3, 4);
        var queued = await admin.QueueAsync(TinyJob.Settings(maxSteps: 40));

        long lastSeen;
        await using (var first = await HubWatcher.StartAsync(portal, PortalFactory.AdminToken))
        {
            await first.Connection.InvokeAsync("WatchJob", queued.Id);
            var backlog = await first.Connection.InvokeAsync<List<JobEvent>>("GetEvents", queued.Id, 0L);
            await first.PushedAsync(queued.Id, e => e.Data.Kind == JobEventKind.Progress);
            await first.Connection.StopAsync();
            lastSeen = backlog.Concat(first.Received(queued.Id)).Max(e => e.Sequence);
        }
        // The job goes on while nobody watches.
        await portal.EventAsync(queued.Id, e => e.Sequence >= lastSeen + 3);

        await using var second = await HubWatcher.StartAsync(portal, PortalFactory.AdminToken);
        // Joined before asking, so that whatever is stored after the answer is pushed.
        await second.Connection.InvokeAsync("WatchJob", queued.Id);
        var missed = await second.Connection.InvokeAsync<List<JobEvent>>("GetEvents", queued.Id, lastSeen);
        if (!missed.Any(IsFinished))
            await second.FinishedAsync(queued.Id);
        var job = await portal.FinishedAsync(queued.Id);

        Assert.Equal(JobState.Succeeded, job.State);
        Assert.NotEmpty(missed);
        Assert.Equal(Enumerable.Range(0, missed.Count).Select(i => lastSeen + 1 + i), missed.Select(e => e.Sequence));
        var stored = await admin.GetEventsAsync(queued.Id, lastSeen);
        Assert.Equal(
            stored.Take(missed.Count).Select(e => (e.Sequence, e.Data.Kind, e.Data.Message, e.Data.Progress?.Step)),
            missed.Select(e => (e.Sequence, e.Data.Kind, e.Data.Message, e.Data.Progress?.Step)));
        // The missed events and the pushes after them are together the rest of the job.
        var rest = missed.Concat(second.Received(queued.Id)).Select(e => e.Sequence).Distinct().Order();
        Assert.Equal(Enumerable.Range(0, (int)(job.LastSequence - lastSeen)).Select(i => lastSeen + 1 + i), rest);
    }

    private static bool IsFinished(JobEvent e) => e.Data.Kind == JobEventKind.State && e.Data.State is { } state && state.IsFinished();

    [Fact]
    public async Task CancellingARunningJobStopsItAndKeepsItsCheckpoint()
    {
        await using var portal = TrainingPortal.WithWorker();
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2, 3, 4);
        // Far more steps than the test waits for, and no early stop (a fast machine reached it before the Cancel): the
        // job is still running when Cancel is pressed.
        var queued = await admin.QueueAsync(TinyJob.Settings(maxSteps: 5000) with { EarlyStopPatience = 0 });
        await portal.CheckpointAsync(queued.Id);

        using (var cancel = await admin.DeleteAsync($"/api/training/jobs/{queued.Id}"))
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var job = await portal.FinishedAsync(queued.Id);

        Assert.Equal(JobState.Cancelled, job.State);
        Assert.True(File.Exists(Path.Combine(portal.DataDirectory, "runs", $"job-{queued.Id}", "checkpoint.ckpt")));
        Assert.Null(job.CandidatePath);
        using var again = await admin.DeleteAsync($"/api/training/jobs/{queued.Id}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
