using Microsoft.EntityFrameworkCore;
using Portal.Core.Verses;
using Portal.Data.Entities;

namespace Portal.Data.Verses;

/// <summary>Turns a <see cref="VerseQuery"/> into SQL: filters first, then sort, so that paging stays cheap at 10,000 verses.</summary>
internal static class VerseQueries
{
    public static IQueryable<VerseEntity> Filter(this IQueryable<VerseEntity> verses, VerseQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = LikePattern.Contains(query.Search.Trim());
            verses = verses.Where(v =>
                EF.Functions.Like(v.Prompt, pattern, LikePattern.EscapeCharacter) ||
                EF.Functions.Like(v.Lyrics, pattern, LikePattern.EscapeCharacter) ||
                EF.Functions.Like(v.TagsText, pattern, LikePattern.EscapeCharacter) ||
                (v.Notes != null && EF.Functions.Like(v.Notes, pattern, LikePattern.EscapeCharacter)));
        }

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var pattern = TagColumn.FilterPattern(query.Tag.Trim().ToLowerInvariant());
            verses = verses.Where(v => EF.Functions.Like(v.TagsText, pattern, LikePattern.EscapeCharacter));
        }

        if (!string.IsNullOrEmpty(query.AuthorId))
            verses = verses.Where(v => v.AuthorId == query.AuthorId);

        return query.Training switch
        {
            TrainingFilter.Included => verses.Where(v => v.IncludeInTraining),
            TrainingFilter.Excluded => verses.Where(v => !v.IncludeInTraining),
            _ => verses,
        };
    }

    public static IQueryable<VerseEntity> Sort(this IQueryable<VerseEntity> verses, VerseQuery query) =>
        (query.Sort, query.Descending) switch
        {
            (VerseSort.Created, false) => verses.OrderBy(v => v.CreatedAt).ThenBy(v => v.Id),
            (VerseSort.Created, true) => verses.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id),
            (VerseSort.Prompt, false) => verses.OrderBy(v => v.Prompt).ThenBy(v => v.Id),
            (VerseSort.Prompt, true) => verses.OrderByDescending(v => v.Prompt).ThenByDescending(v => v.Id),
            (VerseSort.Bars, false) => verses.OrderBy(v => v.Bars).ThenBy(v => v.Id),
            (VerseSort.Bars, true) => verses.OrderByDescending(v => v.Bars).ThenByDescending(v => v.Id),
            (VerseSort.Author, false) => verses.OrderBy(v => v.Author!.UserName).ThenBy(v => v.Id),
            (VerseSort.Author, true) => verses.OrderByDescending(v => v.Author!.UserName).ThenByDescending(v => v.Id),
            (_, false) => verses.OrderBy(v => v.UpdatedAt).ThenBy(v => v.Id),
            (_, true) => verses.OrderByDescending(v => v.UpdatedAt).ThenByDescending(v => v.Id),
        };
}
