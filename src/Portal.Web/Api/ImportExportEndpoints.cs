using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Portal.Core.Export;
using Portal.Core.Import;
using Portal.Core.Verses;
using Portal.Data.Verses;
using Portal.Web.Auth;
using Portal.Web.Services;

namespace Portal.Web.Api;

/// <summary>POST /api/verses/import (any supported format in the body) and GET /api/verses/export.</summary>
internal static class ImportExportEndpoints
{
    public static RouteGroupBuilder MapImportExportEndpoints(this RouteGroupBuilder api)
    {
        var verses = api.MapGroup("/verses").RequireAuthorization();
        verses.MapPost("/import", ImportAsync);
        verses.MapGet("/export", ExportAsync);
        return api;
    }

    private static async Task<IResult> ImportAsync(HttpContext context, ClaimsPrincipal user, VerseImportService importer, CancellationToken cancellationToken, string? mode = null, string? format = null)
    {
        if (!TryParseMode(mode, out var importMode))
            return BadParameter("mode", "Use mode=valid-only to import the valid items of a file with problems, or leave it out for all-or-nothing.");
        if (!TryParseFormat(format, out var importFormat))
            return BadParameter("format", "Use format=json, jsonl or text, or leave it out to detect the format.");

        // Let Kestrel stop a huge body just past the limit; the parser refuses it at MaxBytes + 1 anyway.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            bodyLimit.MaxRequestBodySize = importer.Limits.MaxBytes + 1;

        ImportReport report;
        try
        {
            report = await importer.ImportAsync(context.Request.Body, user.RequireActor(), importMode, importFormat, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Problem(title: "File too large", detail: $"Import files are limited to {importer.Limits.MaxBytes:N0} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var body = ImportReportResponse.From(report);
        if (!report.Rejected)
            return Results.Ok(body);
        return Results.Problem(
            title: report.TooLarge ? "File too large" : "Import rejected: nothing was imported",
            detail: report.FileErrors.Count > 0
                ? string.Join(" ", report.FileErrors)
                : $"{report.ItemProblems.Select(p => p.Number).Distinct().Count()} of {report.TotalItems} items have problems. Fix them, or import the valid ones with ?mode=valid-only.",
            statusCode: report.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["report"] = body });
    }

    private static async Task<IResult> ExportAsync(VerseStore store, CancellationToken cancellationToken, string? format = "json", string? search = null, string? tag = null, TrainingFilter training = TrainingFilter.All)
    {
        if (!TryParseFormat(format, out var exportFormat) || exportFormat is null)
            return BadParameter("format", "Use format=json, jsonl or text.");
        var verses = await store.ListAsync(new VerseQuery { Search = search, Tag = tag, Training = training }, cancellationToken);
        var buffer = new MemoryStream();
        VerseExporter.Write(buffer, verses.Select(v => v.Text), exportFormat.Value);
        return Results.File(buffer.ToArray(), VerseExporter.ContentType(exportFormat.Value), VerseExporter.FileName(exportFormat.Value));
    }

    private static bool TryParseMode(string? value, out ImportMode mode)
    {
        mode = value?.ToLowerInvariant() switch
        {
            null or "" or "all-or-nothing" => ImportMode.AllOrNothing,
            "valid-only" => ImportMode.ValidOnly,
            _ => (ImportMode)(-1),
        };
        return Enum.IsDefined(mode);
    }

    private static bool TryParseFormat(string? value, out VerseFormat? format)
    {
        format = null;
        switch (value?.ToLowerInvariant())
        {
            case null or "" or "auto": return true;
            case "json": format = VerseFormat.Json; return true;
            case "jsonl": format = VerseFormat.Jsonl; return true;
            case "text" or "txt": format = VerseFormat.Text; return true;
            default: return false;
        }
    }

    private static IResult BadParameter(string name, string detail) =>
        Results.Problem(title: $"Invalid {name}", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
