using System.Security.Claims;
using Portal.Web.Auth;
using Portal.Web.Services.Training;

namespace Portal.Web.Api;

/// <summary>/api/training/jobs: queue, list, inspect and cancel retrains, the same rules as the Retrain pages.</summary>
internal static class TrainingEndpoints
{
    public static RouteGroupBuilder MapTrainingEndpoints(this RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/training/jobs").RequireAuthorization();
        jobs.MapPost("/", QueueAsync);
        jobs.MapGet("/", ListAsync);
        jobs.MapGet("/{id:long}", GetAsync);
        jobs.MapDelete("/{id:long}", CancelAsync);
        jobs.MapGet("/{id:long}/events", EventsAsync);
        return api;
    }

    private static async Task<IResult> QueueAsync(TrainingJobRequest? request, ClaimsPrincipal user, TrainingJobService jobs, CancellationToken cancellationToken)
    {
        if (request?.Preset is not { } preset || !Enum.IsDefined(preset))
            return Refused(["Name a preset: Quick, Full, Scratch or Custom."]);
        var result = await jobs.RequestAsync(user.RequireActor(), new RetrainRequest(preset, request.Settings, request.ModelSize), cancellationToken);
        if (result.Job is not { } job)
            return Refused(result.Errors);
        return Results.Accepted($"/api/training/jobs/{job.Id}",
            new TrainingJobQueuedResponse(job.Id, result.Joined, job.State, job.StartFrom, job.VerseCount));
    }

    private static async Task<IResult> ListAsync(TrainingJobService jobs, CancellationToken cancellationToken) =>
        Results.Ok((await jobs.ListAsync(cancellationToken)).Select(TrainingJobResponse.From).ToList());

    private static async Task<IResult> GetAsync(long id, TrainingJobService jobs, CancellationToken cancellationToken) =>
        await jobs.FindAsync(id, cancellationToken) is { } job ? Results.Ok(TrainingJobResponse.From(job)) : NotFound(id);

    private static async Task<IResult> CancelAsync(long id, ClaimsPrincipal user, TrainingJobService jobs, CancellationToken cancellationToken)
    {
        var outcome = await jobs.CancelAsync(user.RequireActor(), id, cancellationToken);
        var job = await jobs.FindAsync(id, cancellationToken);
        return outcome switch
        {
            CancelOutcome.Cancelled => Results.Ok(TrainingJobResponse.From(job!)),
            CancelOutcome.Requested => Results.Accepted($"/api/training/jobs/{id}", TrainingJobResponse.From(job!)),
            CancelOutcome.Forbidden => Results.Problem(title: "Not your job",
                detail: "Only the writer who started a job, or an admin, can cancel it.", statusCode: StatusCodes.Status403Forbidden),
            CancelOutcome.AlreadyFinished => Results.Problem(title: "Job already finished",
                detail: $"Job {id} already ended ({job?.State}).", statusCode: StatusCodes.Status409Conflict),
            _ => NotFound(id),
        };
    }

    private static async Task<IResult> EventsAsync(long id, TrainingJobService jobs, CancellationToken cancellationToken, long after = 0)
    {
        if (await jobs.FindAsync(id, cancellationToken) is null)
            return NotFound(id);
        return Results.Ok(await jobs.EventsAsync(id, after, cancellationToken));
    }

    private static IResult NotFound(long id) =>
        Results.Problem(title: "Job not found", detail: $"There is no training job {id}.", statusCode: StatusCodes.Status404NotFound);

    private static IResult Refused(IReadOnlyList<string> errors) => Results.Problem(
        title: "Cannot start this retrain",
        detail: string.Join(" ", errors),
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
