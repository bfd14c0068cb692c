namespace Portal.Web.Api;

internal static class ApiEndpoints
{
    public static WebApplication MapPortalApi(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).AllowAnonymous();
        app.MapGroup("/api")
            .MapImportExportEndpoints()
            .MapVerseEndpoints()
            .DisableAntiforgery();
        return app;
    }
}
