using Microsoft.Extensions.Options;
using Portal.Core.Access;
using Portal.Core.Audit;
using Portal.Core.Import;
using Portal.Data.Verses;

namespace Portal.Web.Services;

/// <summary>Parses an uploaded file within the configured limits and stores it all-or-nothing or valid-only.</summary>
public sealed class VerseImportService(VerseImportStore store, IOptions<ImportLimits> limits, IAuditLog audit)
{
    public ImportLimits Limits => limits.Value;

    public async Task<ImportReport> ImportAsync(Stream content, Actor author, ImportMode mode, VerseFormat? format, CancellationToken cancellationToken)
    {
        var parsed = await VerseImportParser.ParseAsync(content, limits.Value, format, cancellationToken);
        var problems = parsed.InvalidItems
            .SelectMany(item => item.Errors.Select(error => new ImportItemProblem(item.Number, error)))
            .ToList();

        if (parsed.IsFileRejected || (mode == ImportMode.AllOrNothing && problems.Count > 0))
        {
            return new ImportReport(parsed.Format, parsed.Items.Count, 0, [], parsed.FileErrors, problems)
            {
                Rejected = true,
                TooLarge = parsed.TooLarge,
            };
        }

        var valid = parsed.ValidItems.Select(item => (item.Number, item.Verse!)).ToList();
        var outcome = await store.ImportAsync(valid, author, includeInTraining: true, cancellationToken);
        await audit.RecordAsync(author, AuditAction.VersesImported, $"{outcome.AddedIds.Count} verses",
            $"{parsed.Format?.ToString() ?? "Unknown"} file, {parsed.Items.Count} items, {outcome.Duplicates.Count} duplicates skipped, {problems.Count} problems, {mode}");
        return new ImportReport(parsed.Format, parsed.Items.Count, outcome.AddedIds.Count, outcome.Duplicates, [], problems);
    }
}
