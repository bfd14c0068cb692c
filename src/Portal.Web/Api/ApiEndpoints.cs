using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Web.Api;

internal static class ApiEndpoints
{
    public static WebApplication MapPortalApi(this WebApplication app)
    {
        app.MapGet("/healthz", CheckHealthAsync).AllowAnonymous();
        app.MapGroup("/api")
            .MapImportExportEndpoints()
            .MapVerseEndpoints()
            .MapTrainingEndpoints().MapWorkerFileEndpoints()
            .MapVersionEndpoints()
            .MapGenerateEndpoints()
            .MapAuditEndpoints()
            .MapBackupEndpoints()
            .DisableAntiforgery();
        return app;
    }

    /// <summary>Healthy means the database answers: a portal that cannot read its verses is not up.</summary>
    private static async Task<IResult> CheckHealthAsync(IDbContextFactory<PortalDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? Results.Ok(new { status = "ok" })
            : Results.Problem(title: "Database unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
