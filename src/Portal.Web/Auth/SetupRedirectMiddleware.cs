namespace Portal.Web.Auth;

/// <summary>
/// Until the first admin exists, every page leads to the one-time set-up page. The API answers 503 with a reason
/// instead, and static files and the health check are left alone.
/// </summary>
public sealed class SetupRedirectMiddleware(RequestDelegate next, SetupState setup)
{
    public const string SetupPath = "/setup";

    public Task InvokeAsync(HttpContext context)
    {
        if (setup.AdminExists || IsExempt(context.Request.Path))
            return next(context);

        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return Results.Problem(
                title: "The portal is not set up yet",
                detail: "Open the portal in a browser to create the admin account, or start it with PORTAL_ADMIN_USER and PORTAL_ADMIN_PASSWORD.",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
        }
        context.Response.Redirect(SetupPath);
        return Task.CompletedTask;
    }

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments(SetupPath) ||
        path.StartsWithSegments("/healthz") ||
        path.StartsWithSegments("/_framework") ||
        path.StartsWithSegments("/_content") ||
        path.StartsWithSegments("/_blazor") ||
        Path.HasExtension(path.Value);
}
