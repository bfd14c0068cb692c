using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Training;
using Portal.Web.Services.Training;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Training;

/// <summary>
/// Waits on a job through the portal's own event broadcast. The limit is generous and only there so that a broken
/// portal fails the test instead of hanging it: reaching it is a failure, not a measure of speed.
/// </summary>
internal static class JobWaits
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>The first event of the job that matches, stored already or still to come.</summary>
    public static async Task<JobEvent> EventAsync(this PortalFactory portal, long jobId, Func<JobEvent, bool> match)
    {
        var seen = new TaskCompletionSource<JobEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Subscribed before reading what is stored, so that nothing falls between the two.
        using var subscription = portal.Services.GetRequiredService<TrainingEventBroadcaster>().Subscribe(e =>
        {
            if (e.JobId == jobId && match(e))
                seen.TrySetResult(e);
            return Task.CompletedTask;
        });
        var stored = await portal.Services.GetRequiredService<TrainingJobService>().EventsAsync(jobId, 0);
        if (stored.FirstOrDefault(match) is { } already)
            seen.TrySetResult(already);
        return await seen.Task.WaitAsync(Limit);
    }

    public static async Task<TrainingJob> FinishedAsync(this PortalFactory portal, long jobId)
    {
        await portal.EventAsync(jobId, e => e.Data.Kind == JobEventKind.State && e.Data.State is { } state && state.IsFinished());
        return (await portal.Services.GetRequiredService<TrainingJobService>().FindAsync(jobId))!;
    }

    public static Task<JobEvent> CheckpointAsync(this PortalFactory portal, long jobId) =>
        portal.EventAsync(jobId, e => e.Data.Progress is { IsEvaluation: true, Step: > 0 });
}
