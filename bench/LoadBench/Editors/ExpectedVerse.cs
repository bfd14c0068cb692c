using Portal.Web.Api;

namespace LoadBench.Editors;

/// <summary>A verse as its writer last saw the portal acknowledge it.</summary>
internal sealed record ExpectedVerse(int Id, string Prompt, string Lyrics, int Revision)
{
    public static ExpectedVerse From(VerseResponse verse) => new(verse.Id, verse.Prompt, verse.Lyrics, verse.Revision);

    public bool Matches(VerseResponse verse) => verse.Id == Id && verse.Prompt == Prompt && verse.Lyrics == Lyrics && verse.Revision == Revision;
}
