using System.Security.Claims;
using Microsoft.Data.Sqlite;
using Portal.Data.Backup;
using Portal.Web.Auth;
using Portal.Web.Services.Backup;

namespace Portal.Web.Api;

/// <summary>/api/backups, admins only: take a backup now, list them, download one, delete one.</summary>
internal static class BackupEndpoints
{
    public static RouteGroupBuilder MapBackupEndpoints(this RouteGroupBuilder api)
    {
        var backups = api.MapGroup("/backups").RequireAuthorization(AuthServiceExtensions.AdminPolicy);
        backups.MapGet("/", List);
        backups.MapPost("/", CreateAsync);
        backups.MapGet("/{name}", Download);
        backups.MapDelete("/{name}", DeleteAsync);
        return api;
    }

    public static string DownloadPath(string name) => $"/api/backups/{Uri.EscapeDataString(name)}";

    private static IResult List(BackupService service) =>
        Results.Ok(service.List().Select(BackupResponse.From).ToList());

    private static async Task<IResult> CreateAsync(BackupService service, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        try
        {
            var backup = await service.CreateAsync(user.RequireActor(), "from the API", cancellationToken);
            return Results.Created(DownloadPath(backup.Name), BackupResponse.From(backup));
        }
        catch (Exception e) when (e is BackupFailedException or IOException or SqliteException)
        {
            return Results.Problem(title: "Backup failed", detail: e.Message, statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    private static IResult Download(string name, BackupService service)
    {
        if (service.Find(name) is not { } backup)
            return NotFound(name);
        // FileShare.Delete: pruning or deleting the backup meanwhile does not break a download under way.
        var stream = new FileStream(backup.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Results.File(stream, "application/vnd.sqlite3", backup.Name);
    }

    private static async Task<IResult> DeleteAsync(string name, BackupService service, ClaimsPrincipal user) =>
        await service.DeleteAsync(user.RequireActor(), name) ? Results.NoContent() : NotFound(name);

    private static IResult NotFound(string name) =>
        Results.Problem(title: "No such backup", detail: $"There is no backup named \"{name}\". Backups are named like portal-20261124T081500Z.db.", statusCode: StatusCodes.Status404NotFound);
}

/// <summary>A backup as the API shows it.</summary>
internal sealed record BackupResponse(string Name, long SizeBytes, DateTimeOffset CreatedAt, string Download)
{
    public static BackupResponse From(BackupFile backup) =>
        new(backup.Name, backup.SizeBytes, backup.CreatedAt, BackupEndpoints.DownloadPath(backup.Name));
}
