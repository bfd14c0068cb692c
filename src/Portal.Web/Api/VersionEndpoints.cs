using System.Security.Claims;
using Portal.Core.Versions;
using Portal.Web.Auth;
using Portal.Web.Services.Versions;

namespace Portal.Web.Api;

/// <summary>
/// /api/versions: the history, one version, and (admins only) promote, roll back, retry a push; downloads of any
/// version's model. The same rules as the Versions page, through the same service.
/// </summary>
internal static class VersionEndpoints
{
    public static RouteGroupBuilder MapVersionEndpoints(this RouteGroupBuilder api)
    {
        var versions = api.MapGroup("/versions").RequireAuthorization();
        versions.MapGet("/", ListAsync);
        versions.MapGet("/serving", Serving);
        versions.MapGet("/{number:int}", GetAsync);
        versions.MapGet("/{number:int}/download", DownloadAsync);
        versions.MapPost("/", PromoteAsync).RequireAuthorization(AuthServiceExtensions.AdminPolicy);
        versions.MapPost("/{number:int}/rollback", RollbackAsync).RequireAuthorization(AuthServiceExtensions.AdminPolicy);
        versions.MapPost("/{number:int}/push", PushAsync).RequireAuthorization(AuthServiceExtensions.AdminPolicy);
        return api;
    }

    private static async Task<IResult> ListAsync(VersionService service, CancellationToken cancellationToken) =>
        Results.Ok((await service.HistoryAsync(cancellationToken)).Select(VersionResponse.From).ToList());

    private static IResult Serving(VersionService service) =>
        Results.Ok(new ServingResponse(service.Remote, service.ServingStatus()));

    private static async Task<IResult> GetAsync(int number, VersionService service, CancellationToken cancellationToken)
    {
        if (await service.DetailsAsync(number, cancellationToken) is not { } details)
            return VersionNotFound(number);
        // The same rule the history applies to each row, without reading every version for one.
        return Results.Ok(VersionDetailsResponse.From(details, LiveVersions.EndpointsServing(details.Version, service.ServingStatus())));
    }

    private static async Task<IResult> PromoteAsync(PromoteVersionRequest? request, ClaimsPrincipal user, VersionService service, CancellationToken cancellationToken)
    {
        if (request?.JobId is not { } jobId)
            return BadRequest("Name the training job whose candidate to promote: {\"jobId\": 12}.");
        if (NoteTooLong(request.Note) is { } tooLong)
            return tooLong;
        var result = await service.PromoteAsync(user.RequireActor(), jobId, request.Note, request.Override ?? false, cancellationToken);
        return Created(result, "Cannot promote this candidate");
    }

    private static async Task<IResult> RollbackAsync(int number, RollbackVersionRequest? request, ClaimsPrincipal user, VersionService service, CancellationToken cancellationToken)
    {
        if (NoteTooLong(request?.Note) is { } tooLong)
            return tooLong;
        var result = await service.RollbackAsync(user.RequireActor(), number, request?.Note, cancellationToken);
        return Created(result, "Cannot roll back");
    }

    private static async Task<IResult> PushAsync(int number, ClaimsPrincipal user, VersionService service, CancellationToken cancellationToken)
    {
        var result = await service.RetryPushAsync(user.RequireActor(), number, cancellationToken);
        return result.Status == VersionCommandStatus.Done
            ? Results.Ok(VersionResponse.From(result.Version!))
            : Failure(result, "Cannot push this version");
    }

    private static async Task<IResult> DownloadAsync(int number, VersionService service, CancellationToken cancellationToken, string? format = null)
    {
        if (!TryParseFormat(format, out var parsed))
            return BadRequest("The format must be zip or gguf.");
        if (await service.DownloadAsync(number, parsed, cancellationToken) is not { } download)
            return VersionNotFound(number);
        // Deleted by the file system as soon as the response has been sent (or the client went away).
        var stream = new FileStream(download.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920,
            FileOptions.Asynchronous | FileOptions.SequentialScan | FileOptions.DeleteOnClose);
        return Results.File(stream, download.ContentType, download.FileName);
    }

    private static bool TryParseFormat(string? format, out DownloadFormat parsed)
    {
        parsed = DownloadFormat.Zip;
        if (string.IsNullOrWhiteSpace(format))
            return true;
        // Names only: Enum.TryParse would also take "1".
        var match = Enum.GetValues<DownloadFormat>().Where(f => string.Equals(f.ToString(), format.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (match.Count == 0)
            return false;
        parsed = match[0];
        return true;
    }

    private static IResult Created(VersionCommandResult result, string title) =>
        result.Status == VersionCommandStatus.Done
            ? Results.Created($"/api/versions/{result.Version!.Number}", VersionResponse.From(result.Version))
            : Failure(result, title);

    private static IResult Failure(VersionCommandResult result, string title) => result.Status switch
    {
        VersionCommandStatus.NotFound => Results.Problem(title: "Not found", detail: result.Message, statusCode: StatusCodes.Status404NotFound),
        VersionCommandStatus.Forbidden => Results.Problem(title: "Admins only", detail: result.Message, statusCode: StatusCodes.Status403Forbidden),
        VersionCommandStatus.ChecklistFailed => Results.Problem(title: "The checklist has failed items", detail: result.Message,
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["failedItems"] = result.FailedItems ?? [] }),
        _ => Results.Problem(title: title, detail: result.Message, statusCode: StatusCodes.Status409Conflict),
    };

    private static IResult? NoteTooLong(string? note) =>
        note is not null && note.Trim().Length > PromotionRules.MaxNoteLength
            ? BadRequest($"The note is longer than {PromotionRules.MaxNoteLength} characters.")
            : null;

    private static IResult BadRequest(string detail) =>
        Results.Problem(title: "Bad request", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static IResult VersionNotFound(int number) =>
        Results.Problem(title: "Version not found", detail: $"There is no version {VersionTag.Of(number)}.", statusCode: StatusCodes.Status404NotFound);
}
