using Portal.Core.Verses;

namespace Portal.Web.Api;

/// <summary>The body of POST and PUT /api/verses. PUT also names the revision it edited.</summary>
public sealed record VerseRequest(string? Prompt, string? Lyrics, IReadOnlyList<string>? Tags, string? Notes, bool? IncludeInTraining, int? Revision)
{
    public VerseText ToText() => new(Prompt ?? "", Lyrics ?? "", Tags ?? [], Notes);
}

public sealed record VerseResponse(
    int Id, string Prompt, string Lyrics, IReadOnlyList<string> Tags, string? Notes, string AuthorId, string Author,
    bool IncludeInTraining, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Bars, int Tokens, int Revision)
{
    public static VerseResponse From(Verse v) => new(
        v.Id, v.Text.Prompt, v.Text.Lyrics, v.Text.Tags, v.Text.Notes, v.AuthorId, v.AuthorName,
        v.IncludeInTraining, v.CreatedAt, v.UpdatedAt, v.Bars, v.Tokens, v.Revision);
}

public sealed record VersePageResponse(IReadOnlyList<VerseResponse> Items, int Total, int Page, int PageSize);
