using Portal.Web.Services;

namespace Portal.Web.Api;

public sealed record ImportReportResponse(
    string? Format, int TotalItems, int Added, int SkippedDuplicates,
    IReadOnlyList<string> FileErrors, IReadOnlyList<ImportItemProblem> Errors, IReadOnlyList<DuplicateResponse> Duplicates)
{
    public static ImportReportResponse From(ImportReport report) => new(
        report.Format?.ToString().ToLowerInvariant(),
        report.TotalItems,
        report.Added,
        report.Duplicates.Count,
        report.FileErrors,
        report.ItemProblems,
        report.Duplicates.Select(d => new DuplicateResponse(d.ItemNumber, d.ExistingId)).ToList());
}

public sealed record DuplicateResponse(int Item, int? ExistingVerseId);
