using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Portal.Core.Training;
using Portal.Web.Auth;
using Portal.Web.Options;
using Portal.Web.Services.Training;

namespace Portal.Web.Api;

/// <summary>
/// /api/worker/jobs/{id}/files: how a worker on another machine gets a job's start model, previous model and
/// earlier checkpoints, and delivers checkpoints and the candidate. Only with a worker token, and only while the
/// X-Job-Lease header names the job's current lease, so that a worker whose job was taken over cannot overwrite
/// the new worker's files.
/// </summary>
internal static class WorkerFileEndpoints
{
    public const string LeaseHeader = "X-Job-Lease";

    public static RouteGroupBuilder MapWorkerFileEndpoints(this RouteGroupBuilder api)
    {
        var files = api.MapGroup("/worker/jobs/{id:long}/files").RequireAuthorization(AuthServiceExtensions.WorkerPolicy);
        files.MapGet("/{area}", ListAsync);
        files.MapGet("/{area}/{name}", DownloadAsync);
        files.MapPut("/{area}/{name}", UploadAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(long id, string area, HttpContext context, WorkerFileAccess access, FileDigests digests, CancellationToken cancellationToken)
    {
        var (folder, problem) = await access.OpenAsync(context, id, area, JobFileArea.Readable, null, cancellationToken);
        if (problem is not null)
            return problem;
        if (!Directory.Exists(folder!.Folder))
            return NoFiles(id, area);

        var listing = new List<WorkerFileResponse>();
        foreach (var file in new DirectoryInfo(folder.Folder).EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (WorkerFileName.IsValid(file.Name) && ContainedPath.StaysInside(folder.Root, file.FullName))
                listing.Add(new WorkerFileResponse(file.Name, file.Length, await digests.Sha256Async(file, cancellationToken)));
        }
        return listing.Count == 0 ? NoFiles(id, area) : Results.Ok(listing);
    }

    private static async Task<IResult> DownloadAsync(long id, string area, string name, HttpContext context, WorkerFileAccess access, CancellationToken cancellationToken)
    {
        var (folder, problem) = await access.OpenAsync(context, id, area, JobFileArea.Readable, name, cancellationToken);
        if (problem is not null)
            return problem;
        var path = Path.Combine(folder!.Folder, name);
        if (!File.Exists(path) || !ContainedPath.StaysInside(folder.Root, path))
            return Results.Problem(title: "File not found", detail: $"Job {id} has no {area} file {name}.", statusCode: StatusCodes.Status404NotFound);
        return Results.File(path, "application/octet-stream", enableRangeProcessing: true);
    }

    private static async Task<IResult> UploadAsync(
        long id, string area, string name, HttpContext context, WorkerFileAccess access, IOptionsMonitor<TrainingQueueOptions> options, CancellationToken cancellationToken)
    {
        var (folder, problem) = await access.OpenAsync(context, id, area, JobFileArea.Writable, name, cancellationToken);
        if (problem is not null)
            return problem;

        var limit = options.CurrentValue.MaxUploadBytes;
        if (context.Request.ContentLength > limit)
            return TooLarge(limit);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            bodyLimit.MaxRequestBodySize = limit;

        Directory.CreateDirectory(folder!.Folder);
        if (!ContainedPath.StaysInside(folder.Root, folder.Folder))
            return Results.Problem(title: "Folder not writable", detail: $"The {area} folder of job {id} leaves the data directory.", statusCode: StatusCodes.Status409Conflict);
        try
        {
            return await WorkerFileUpload.WriteAsync(context.Request.Body, folder.Folder, name, limit, cancellationToken)
                ? Results.NoContent()
                : TooLarge(limit);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
    }

    internal static IResult NoFiles(long id, string area) =>
        Results.Problem(title: "No files", detail: $"Job {id} has no {area} files.", statusCode: StatusCodes.Status404NotFound);

    private static IResult TooLarge(long limit) => Results.Problem(
        title: "File too large", detail: $"A single upload is limited to {limit} bytes (Portal:Training:MaxUploadBytes).",
        statusCode: StatusCodes.Status413PayloadTooLarge);
}
