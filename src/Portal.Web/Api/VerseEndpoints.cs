using System.Security.Claims;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Import;
using Portal.Core.Verses;
using Portal.Data.Verses;
using Portal.Web.Auth;
using Portal.Web.Services.Audit;

namespace Portal.Web.Api;

/// <summary>CRUD on /api/verses. Same rules as the pages: any signed-in user reads; writers change only their own.</summary>
internal static class VerseEndpoints
{
    public static RouteGroupBuilder MapVerseEndpoints(this RouteGroupBuilder api)
    {
        var verses = api.MapGroup("/verses").RequireAuthorization();
        verses.MapGet("/", ListAsync);
        verses.MapGet("/{id:int}", GetAsync);
        verses.MapPost("/", CreateAsync);
        verses.MapPut("/{id:int}", UpdateAsync);
        verses.MapDelete("/{id:int}", DeleteAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(
        VerseStore store, CancellationToken cancellationToken,
        string? search = null, string? tag = null, TrainingFilter training = TrainingFilter.All,
        VerseSort sort = VerseSort.Updated, bool desc = true, int page = 0, int pageSize = 50)
    {
        if (page < 0 || pageSize is < 1 or > 500)
            return Results.Problem(title: "Invalid paging", detail: "page must be 0 or more and pageSize between 1 and 500.", statusCode: StatusCodes.Status400BadRequest);
        var query = new VerseQuery { Search = search, Tag = tag, Training = training, Sort = sort, Descending = desc, Page = page, PageSize = pageSize };
        var result = await store.QueryAsync(query, cancellationToken);
        return Results.Ok(new VersePageResponse(result.Items.Select(VerseResponse.From).ToList(), result.Total, page, pageSize));
    }

    private static async Task<IResult> GetAsync(int id, VerseStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } verse
            ? Results.Ok(VerseResponse.From(verse))
            : VerseWriteResult.NotFound(id).ToHttp(_ => Results.NoContent());

    private static async Task<IResult> CreateAsync(VerseRequest request, ClaimsPrincipal user, VerseStore store, IOptions<ImportLimits> limits, CancellationToken cancellationToken)
    {
        var text = request.ToText();
        var errors = VerseValidator.Validate(text, limits.Value);
        if (errors.Count > 0)
            return VerseResults.Invalid(errors);
        var result = await store.AddAsync(text, user.RequireActor(), request.IncludeInTraining ?? true, cancellationToken);
        return result.ToHttp(verse => Results.Created($"/api/verses/{verse.Id}", VerseResponse.From(verse)));
    }

    private static async Task<IResult> UpdateAsync(int id, VerseRequest request, ClaimsPrincipal user, VerseStore store, IOptions<ImportLimits> limits, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (request.Revision is not { } revision)
            return VerseResults.Invalid(["Send the revision you edited (from GET /api/verses/{id}), so that nobody's changes are overwritten."]);
        var text = request.ToText();
        var errors = VerseValidator.Validate(text, limits.Value);
        if (errors.Count > 0)
            return VerseResults.Invalid(errors);
        var result = await store.UpdateAsync(id, text, request.IncludeInTraining, revision, user.RequireActor(), cancellationToken);
        if (result.Succeeded)
            await audit.RecordVerseAsync(user.RequireActor(), AuditAction.VerseEdited, result.Verse!);
        return result.ToHttp(verse => Results.Ok(VerseResponse.From(verse)));
    }

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal user, VerseStore store, IAuditLog audit, CancellationToken cancellationToken)
    {
        var result = await store.DeleteAsync(id, user.RequireActor(), cancellationToken);
        if (result.Succeeded)
            await audit.RecordVerseAsync(user.RequireActor(), AuditAction.VerseDeleted, result.Verse!);
        return result.ToHttp(_ => Results.NoContent());
    }
}
