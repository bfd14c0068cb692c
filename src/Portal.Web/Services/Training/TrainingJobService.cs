using Microsoft.Extensions.Options;
using Portal.Core.Access;
using Portal.Core.Audit;
using Portal.Core.Training;
using Portal.Ml.Model;
using Portal.Web.Options;
using Portal.Worker;

namespace Portal.Web.Services.Training;

/// <summary>
/// The training queue as pages, the API, the hub and the in-portal worker use it. Every change that produces events
/// is stored and then published under one gate, so that watchers receive each job's events in sequence order even
/// when a cancel and a worker's report arrive together.
/// </summary>
public sealed class TrainingJobService(
    ITrainingJobStore store,
    RetrainPlanner planner,
    CurrentModel currentModel,
    TrainingEventBroadcaster broadcaster,
    TrainingFolders folders,
    IOptionsMonitor<TrainingQueueOptions> options,
    IAuditLog audit,
    WorkerWakeup? inProcessWorker = null)
{
    private readonly SemaphoreSlim publishing = new(1, 1);

    public async Task<RetrainRequestResult> RequestAsync(Actor actor, RetrainRequest request, CancellationToken cancellationToken = default)
    {
        var plan = await planner.PlanAsync(actor, request, cancellationToken);
        if (plan.Job is null)
            return RetrainRequestResult.Refused(plan.Errors);
        var result = await StoreAndPublishAsync(() => store.EnqueueAsync(plan.Job, cancellationToken), r => r.Events);
        // Joining a job already queued with the same snapshot and settings changes nothing: only a new job is recorded.
        if (!result.Joined)
            await audit.RecordAsync(actor, AuditAction.TrainingQueued, $"job {result.Job.Id}",
                $"{result.Job.Preset}, {result.Job.VerseCount} verses, from {result.Job.StartFrom ?? "scratch"}");
        // Only when the worker lives in this process; it would find the job at its next poll anyway.
        inProcessWorker?.Wake();
        return new RetrainRequestResult(result.Job, result.Joined, []);
    }

    public Task<IReadOnlyList<TrainingJob>> ListAsync(CancellationToken cancellationToken = default) =>
        store.ListAsync(cancellationToken: cancellationToken);

    public Task<TrainingJob?> FindAsync(long id, CancellationToken cancellationToken = default) => store.FindAsync(id, cancellationToken);

    public Task<IReadOnlyList<JobEvent>> EventsAsync(long id, long after, CancellationToken cancellationToken = default) =>
        store.EventsAsync(id, Math.Max(0, after), cancellationToken: cancellationToken);

    public async Task<CancelOutcome> CancelAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var job = await store.FindAsync(id, cancellationToken);
        if (job is null)
            return CancelOutcome.NotFound;
        if (!actor.CanEdit(job.RequestedById))
            return CancelOutcome.Forbidden;
        if (job.State.IsFinished())
            return CancelOutcome.AlreadyFinished;

        var result = await StoreAndPublishAsync(() => store.CancelAsync(id, cancellationToken), r => r.Events);
        if (result.Job is { State: JobState.Cancelled or JobState.Running })
            await audit.RecordAsync(actor, AuditAction.TrainingCancelled, $"job {id}",
                result.Job.State == JobState.Running ? "stops at its next step" : "was queued");
        return result.Job switch
        {
            null => CancelOutcome.NotFound,
            { State: JobState.Cancelled } => CancelOutcome.Cancelled,
            { State: JobState.Running } => CancelOutcome.Requested,
            // It finished between the look and the cancel.
            _ => CancelOutcome.AlreadyFinished,
        };
    }

    /// <summary>Verses in training that the current model has not seen (all of them before the first model).</summary>
    public async Task<int> NewVersesSinceCurrentModelAsync(CancellationToken cancellationToken = default)
    {
        var current = await currentModel.JobAsync(cancellationToken);
        return await store.NewVersesSinceAsync(current?.Id, cancellationToken);
    }

    /// <summary>Folder names under base-models that are complete model folders.</summary>
    public IReadOnlyList<string> BaseModels() => folders.BaseModels();

    public TrainingSettings DefaultsFor(RetrainPreset preset) => planner.DefaultsFor(preset);

    // What workers call, in the portal (LocalJobChannel) or through the hub.

    public async Task<JobAssignment?> ClaimAsync(string workerId, CancellationToken cancellationToken = default)
    {
        var result = await StoreAndPublishAsync(
            () => store.ClaimAsync(workerId, options.CurrentValue.LeaseDuration, cancellationToken), r => r.Events);
        return result.Assignment;
    }

    public Task<LeaseStatus> HeartbeatAsync(JobLease lease, CancellationToken cancellationToken = default) =>
        store.HeartbeatAsync(lease, options.CurrentValue.LeaseDuration, cancellationToken);

    public Task<bool> IsLeaseCurrentAsync(JobLease lease, CancellationToken cancellationToken = default) =>
        store.IsLeaseCurrentAsync(lease, cancellationToken);

    /// <summary>False when the lease is void: nothing was stored and the worker should stop.</summary>
    public async Task<bool> ReportAsync(JobLease lease, IReadOnlyList<JobEventData> events, CancellationToken cancellationToken = default)
    {
        var stored = await StoreAndPublishAsync(() => store.AppendAsync(lease, events, cancellationToken), e => e ?? []);
        return stored is not null;
    }

    /// <summary>
    /// Ends the job with the worker's outcome. A success counts only when the candidate is in the job's models folder
    /// as a complete model (config.json and model.safetensors); otherwise the job fails and says what is missing.
    /// </summary>
    public async Task<CompletionResult> CompleteAsync(JobLease lease, JobOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(outcome);
        var missing = outcome.State == JobState.Succeeded ? HfCheckpoint.FindMissing(folders.CandidateDirectory(lease.JobId)) : [];
        var stored = missing.Count == 0 ? outcome : JobOutcome.Failed(
            $"The worker reported success but the candidate in {TrainingFolders.CandidatePath(lease.JobId)} is incomplete: {string.Join("; ", missing)}.",
            outcome.Metrics);
        if (stored.State == JobState.Succeeded)
            stored = await RecordDigestsAsync(lease.JobId, stored, cancellationToken);
        var candidatePath = stored.State == JobState.Succeeded ? TrainingFolders.CandidatePath(lease.JobId) : null;
        var events = await StoreAndPublishAsync(() => store.CompleteAsync(lease, stored, candidatePath, cancellationToken), e => e ?? []);
        return events is null ? CompletionResult.LeaseLost : missing.Count == 0 ? CompletionResult.Completed : CompletionResult.CandidateMissing;
    }

    /// <summary>
    /// The candidate's SHA-256 digests, recorded as it is accepted: the playground and promotion check them before
    /// they use it, so a file damaged later on disk is refused by name instead of loaded.
    /// </summary>
    private async Task<JobOutcome> RecordDigestsAsync(long jobId, JobOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            await ModelFolderVerification.RecordAsync(folders.CandidateDirectory(jobId), cancellationToken);
            return outcome;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return JobOutcome.Failed($"The candidate in {TrainingFolders.CandidatePath(jobId)} could not be checksummed: {e.Message}", outcome.Metrics);
        }
    }

    private async Task<T> StoreAndPublishAsync<T>(Func<Task<T>> change, Func<T, IReadOnlyList<JobEvent>> events)
    {
        // Waiting is not cancellable: a caller that gives up between storing and publishing would leave watchers without the events.
        await publishing.WaitAsync(CancellationToken.None);
        try
        {
            var result = await change();
            await broadcaster.PublishAsync(events(result));
            return result;
        }
        finally
        {
            publishing.Release();
        }
    }
}
