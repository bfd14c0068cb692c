using Portal.Core.Import;
using Portal.Data.Verses;

namespace Portal.Web.Services;

/// <param name="Number">The 1-based item number in the file, as the writer would count verses.</param>
public sealed record ImportItemProblem(int Number, string Reason);

/// <summary>What happened to an import, in enough detail for the writer to fix the file.</summary>
public sealed record ImportReport(
    VerseFormat? Format,
    int TotalItems,
    int Added,
    IReadOnlyList<SkippedDuplicate> Duplicates,
    IReadOnlyList<string> FileErrors,
    IReadOnlyList<ImportItemProblem> ItemProblems)
{
    /// <summary>True when the file was refused as a whole and nothing was stored.</summary>
    public bool Rejected { get; init; }

    /// <summary>True when the file was refused because it is larger than the limit (HTTP 413 rather than 400).</summary>
    public bool TooLarge { get; init; }
}
