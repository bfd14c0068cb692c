using Portal.Core.Audit;
using Portal.Web.Auth;

namespace Portal.Web.Api;

/// <summary>GET /api/audit: the audit log for admins, newest first, the same filters as the Audit page.</summary>
internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).RequireAuthorization(AuthServiceExtensions.AdminPolicy);
        return api;
    }

    private static async Task<IResult> ListAsync(IAuditLog audit, CancellationToken cancellationToken,
        string? actor = null, string? action = null, int page = 0, int pageSize = 50)
    {
        if (page < 0 || pageSize < 1 || pageSize > AuditQuery.MaxPageSize)
            return Invalid("Invalid paging", $"page must be 0 or more and pageSize between 1 and {AuditQuery.MaxPageSize}.");
        AuditAction? wanted = null;
        if (!string.IsNullOrWhiteSpace(action))
        {
            if (!Enum.TryParse<AuditAction>(action, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(action, out _))
                return Invalid("Unknown action", $"action must be one of: {string.Join(", ", Enum.GetNames<AuditAction>())}.");
            wanted = parsed;
        }
        var result = await audit.QueryAsync(new AuditQuery { Actor = actor, Action = wanted, Page = page, PageSize = pageSize }, cancellationToken);
        return Results.Ok(new AuditPageResponse(result.Items, result.Total, page, pageSize));
    }

    private static IResult Invalid(string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);
}

public sealed record AuditPageResponse(IReadOnlyList<AuditEntry> Items, int Total, int Page, int PageSize);
