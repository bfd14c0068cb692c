using System.Collections.Concurrent;
using Portal.Core.Training;
using Portal.Core.Versions;
using Portal.Web.Services.Training;

namespace Portal.Web.Services.Versions;

/// <summary>
/// Promotes a job's candidate by itself when it succeeds, auto-promote is on, and every checklist item passed. It
/// listens to the stored job events, so a job finished by a remote worker counts as well as one trained here; the
/// promotion (and its push) runs in the background, never inside the worker's completion call.
/// </summary>
public sealed class AutoPromoter(
    TrainingEventBroadcaster events,
    VersionService versions,
    ITrainingJobStore jobs,
    AutoPromoteAuthor author,
    ILogger<AutoPromoter> logger) : IHostedService
{
    public const string Note = "Auto-promoted: every checklist item passed.";

    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Task, bool> running = new();
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = events.Subscribe(OnEventAsync);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        await stopping.CancelAsync();
        // A promotion that began finishes its commit and push: a half-recorded version is worse than a slower stop.
        await Task.WhenAll(running.Keys).WaitAsync(cancellationToken);
    }

    /// <summary>Promotes the job when everything says so; the version, or null when it was not due or not possible.</summary>
    public async Task<ModelVersion?> PromoteIfDueAsync(long jobId, CancellationToken cancellationToken = default)
    {
        if (!await versions.AutoPromoteAsync(cancellationToken))
            return null;
        if (await jobs.FindAsync(jobId, cancellationToken) is not { State: JobState.Succeeded } job || !PromotionRules.PassesCompletely(job.Checklist))
            return null;
        if (await author.FindAsync(cancellationToken) is not { } admin)
            return null;

        var result = await versions.PromoteAsync(admin, jobId, Note, overrideChecklist: false, cancellationToken);
        if (result.Status != VersionCommandStatus.Done)
        {
            logger.LogInformation("Job {JobId} was not auto-promoted: {Reason}", jobId, result.Message);
            return null;
        }
        logger.LogInformation("Job {JobId} auto-promoted as {Tag} in the name of {User}", jobId, result.Version!.Tag, admin.UserName);
        return result.Version;
    }

    private Task OnEventAsync(JobEvent jobEvent)
    {
        if (jobEvent.Data is { Kind: JobEventKind.State, State: JobState.Succeeded })
            Track(Task.Run(() => RunAsync(jobEvent.JobId)));
        // The broadcaster waits for handlers: returning at once keeps the worker's completion call short.
        return Task.CompletedTask;
    }

    private async Task RunAsync(long jobId)
    {
        try
        {
            await PromoteIfDueAsync(jobId, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The portal is stopping before the promotion began; an admin can promote the candidate by hand.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Auto-promoting job {JobId} failed", jobId);
        }
    }

    private void Track(Task task)
    {
        running.TryAdd(task, true);
        task.ContinueWith(done => running.TryRemove(done, out _), TaskScheduler.Default);
    }
}
