namespace Portal.Core.Verses;

public enum VerseSort { Updated, Created, Prompt, Bars, Author }

public enum TrainingFilter { All, Included, Excluded }

/// <summary>One page of the verse library: free-text search, tag and training filters, sort and paging.</summary>
public sealed record VerseQuery
{
    public string? Search { get; init; }
    public string? Tag { get; init; }
    public string? AuthorId { get; init; }
    public TrainingFilter Training { get; init; } = TrainingFilter.All;
    public VerseSort Sort { get; init; } = VerseSort.Updated;
    public bool Descending { get; init; } = true;
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

public sealed record VersePage(IReadOnlyList<Verse> Items, int Total);
