using Portal.Core.Text;
using Portal.Core.Verses;
using Portal.Data.Entities;

namespace Portal.Data.Verses;

/// <summary>A verse's text cleaned once, with the figures stored beside it (hash, bars, tokens).</summary>
internal sealed record PreparedVerse(string Prompt, string Lyrics, string TagsText, string? Notes, string ContentHash, int Bars, int Tokens)
{
    public static PreparedVerse From(VerseText text, ITokenCounter tokens)
    {
        var prompt = VerseTextCleaner.Clean(text.Prompt).Trim();
        var lyrics = VerseTextCleaner.Clean(text.Lyrics);
        var notes = string.IsNullOrWhiteSpace(text.Notes) ? null : VerseTextCleaner.Clean(text.Notes);
        return new PreparedVerse(
            prompt,
            lyrics,
            TagColumn.Join(VerseTags.Normalize(text.Tags)),
            notes,
            Core.Verses.ContentHash.Of(prompt, lyrics),
            Core.Verses.Bars.Count(lyrics),
            tokens.Count(prompt) + tokens.Count(lyrics));
    }

    /// <summary>A new live row holding this text, revision 1.</summary>
    public VerseEntity ToNewEntity(string authorId, bool includeInTraining, DateTimeOffset now) => new()
    {
        Prompt = Prompt,
        Lyrics = Lyrics,
        TagsText = TagsText,
        Notes = Notes,
        ContentHash = ContentHash,
        Bars = Bars,
        Tokens = Tokens,
        AuthorId = authorId,
        IncludeInTraining = includeInTraining,
        CreatedAt = now,
        UpdatedAt = now,
        Revision = 1,
    };

    public string? Problem =>
        Prompt.Length == 0 ? "The prompt is empty." :
        Lyrics.Length == 0 ? "The lyrics are empty." :
        null;
}
