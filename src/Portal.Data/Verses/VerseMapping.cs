using System.Linq.Expressions;
using Portal.Core.Verses;
using Portal.Data.Entities;

namespace Portal.Data.Verses;

internal static class VerseMapping
{
    /// <summary>A projection EF translates to SQL, so that a page reads only the columns it shows plus the author name.</summary>
    public static readonly Expression<Func<VerseEntity, Verse>> ToVerse = v => new Verse(
        v.Id,
        new VerseText(v.Prompt, v.Lyrics, TagColumn.Split(v.TagsText), v.Notes),
        v.AuthorId,
        v.Author != null ? v.Author.UserName ?? "" : "",
        v.IncludeInTraining,
        v.CreatedAt,
        v.UpdatedAt,
        v.Bars,
        v.Tokens,
        v.Revision);

    public static Verse ToModel(VerseEntity v, string authorName) => new(
        v.Id, new VerseText(v.Prompt, v.Lyrics, TagColumn.Split(v.TagsText), v.Notes), v.AuthorId, authorName,
        v.IncludeInTraining, v.CreatedAt, v.UpdatedAt, v.Bars, v.Tokens, v.Revision);
}
