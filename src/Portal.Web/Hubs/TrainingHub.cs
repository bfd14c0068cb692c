using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Portal.Core.Access;
using Portal.Core.Training;
using Portal.Web.Auth;
using Portal.Web.Services.Training;

namespace Portal.Web.Hubs;

/// <summary>
/// /hubs/training. Writers and admins watch jobs: "JobEvent" messages for the groups they joined, and GetEvents to
/// catch up after a reconnect (events are numbered per job with no gaps). Workers on other machines, with a worker
/// token, claim jobs, renew their lease, report progress and complete through the same hub; the two sides cannot
/// call each other's methods.
/// </summary>
[Authorize(Policy = AuthServiceExtensions.TrainingHubPolicy)]
public sealed class TrainingHub(TrainingJobService jobs) : Hub
{
    public const string Path = "/hubs/training";
    public const string AllJobsGroup = "jobs";
    public const string JobEventMethod = "JobEvent";
    public const int MaxWorkerIdLength = 100;

    /// <summary>Largest message a client may send. A worker's batch (at most 200 events, see the worker's EventPump) stays far below it.</summary>
    public const long MaxMessageBytes = 1024 * 1024;

    /// <summary>Most events one ReportEvents call may carry: five of the worker's own batches, so a worker catching up is never refused.</summary>
    public const int MaxEventsPerCall = 1000;

    private const int MaxLeaseIdLength = 64;

    public static string JobGroup(long jobId) => $"job-{jobId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Every job's events from now on. A client in both this and a job's group receives that job's events twice; dedupe by sequence.</summary>
    public Task WatchAll()
    {
        RequirePerson();
        return Groups.AddToGroupAsync(Context.ConnectionId, AllJobsGroup, Context.ConnectionAborted);
    }

    public Task WatchJob(long jobId)
    {
        RequirePerson();
        return Groups.AddToGroupAsync(Context.ConnectionId, JobGroup(jobId), Context.ConnectionAborted);
    }

    /// <summary>The job's stored events after <paramref name="after"/> (at most 5000; ask again from the last one for more).</summary>
    public Task<IReadOnlyList<JobEvent>> GetEvents(long jobId, long after)
    {
        RequirePerson();
        return jobs.EventsAsync(jobId, after, Context.ConnectionAborted);
    }

    public Task<JobAssignment?> ClaimJob(string workerId)
    {
        RequireWorker();
        if (string.IsNullOrWhiteSpace(workerId) || workerId.Length > MaxWorkerIdLength || workerId.Any(char.IsControl))
            throw new HubException($"A worker id has 1 to {MaxWorkerIdLength} printable characters.");
        if (workerId == TrainingServiceExtensions.InProcessWorkerId)
            throw new HubException($"\"{workerId}\" is the portal's own worker; choose another worker id.");
        return jobs.ClaimAsync(workerId, Context.ConnectionAborted);
    }

    public Task<LeaseStatus> Heartbeat(JobLease lease)
    {
        RequireWorker();
        return jobs.HeartbeatAsync(RequireLease(lease), Context.ConnectionAborted);
    }

    /// <summary>False when the lease is no longer this worker's: nothing was stored and it should stop.</summary>
    public Task<bool> ReportEvents(JobLease lease, List<JobEventData> events)
    {
        RequireWorker();
        if (events is null || events.Any(e => e is null || e.Kind == JobEventKind.State))
            throw new HubException("A worker reports progress, log lines and probes; it ends a job with CompleteJob.");
        if (events.Count > MaxEventsPerCall)
            throw new HubException($"A call reports at most {MaxEventsPerCall} events; this one had {events.Count}. Send them in batches.");
        for (var i = 0; i < events.Count; i++)
        {
            if (ShapeProblem(events[i]) is { } problem)
                throw new HubException($"Event {i + 1}: {problem}; nothing was stored.");
        }
        return jobs.ReportAsync(RequireLease(lease), events, Context.ConnectionAborted);
    }

    /// <summary>
    /// Ends the job. Upload the candidate first (PUT /api/worker/jobs/N/files/candidate/NAME): a success whose
    /// candidate is not a complete model folder fails the job with that reason, and this returns false, as it does
    /// for a void lease.
    /// </summary>
    public async Task<bool> CompleteJob(JobLease lease, JobOutcome outcome)
    {
        RequireWorker();
        if (outcome is null || !outcome.State.IsFinished())
            throw new HubException("A job ends Succeeded, Failed or Cancelled.");
        return await jobs.CompleteAsync(RequireLease(lease), outcome, Context.ConnectionAborted) == CompletionResult.Completed;
    }

    private void RequirePerson()
    {
        if (Context.User?.IsInRole(Roles.Writer) != true && Context.User?.IsInRole(Roles.Admin) != true)
            throw new HubException("Not allowed: watching jobs needs a writer's or admin's sign-in, not a worker token.");
    }

    private void RequireWorker()
    {
        if (Context.User?.IsInRole(Roles.Worker) != true)
            throw new HubException("Not allowed: only a worker token may claim and report training jobs.");
    }

    private static JobLease RequireLease(JobLease? lease) =>
        lease is { JobId: > 0, LeaseId.Length: > 0 and <= MaxLeaseIdLength }
            ? lease
            : throw new HubException("The lease is missing or malformed: send the lease ClaimJob returned.");

    /// <summary>Why an event cannot be stored: a kind without the part it stands for would leave watchers nothing to show.</summary>
    private static string? ShapeProblem(JobEventData data) => data.Kind switch
    {
        JobEventKind.Progress when data.Progress is null => "a Progress event needs its progress",
        JobEventKind.Log when data.Message is null => "a Log event needs its message",
        JobEventKind.Probe when data.Probe is not { Prompt: not null, Text: not null } => "a Probe event needs its prompt and text",
        JobEventKind.Progress or JobEventKind.Log or JobEventKind.Probe => null,
        _ => $"{(int)data.Kind} is not a kind of event",
    };
}
