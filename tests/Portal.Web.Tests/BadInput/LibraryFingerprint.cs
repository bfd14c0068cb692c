using System.Security.Cryptography;
using System.Text;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.BadInput;

/// <summary>
/// What "nothing changed" means for the verse library: the same number of verses, and the same hash over every
/// verse's id, revision and content, read through the API as a writer would see it.
/// </summary>
public sealed record LibraryFingerprint(int Count, string Hash)
{
    public static async Task<LibraryFingerprint> TakeAsync(HttpClient client)
    {
        var verses = await client.ListVersesAsync();
        var content = new StringBuilder();
        foreach (var v in verses.OrderBy(v => v.Id))
        {
            content.Append(v.Id).Append('\u001f').Append(v.Revision).Append('\u001f').Append(v.Prompt).Append('\u001f').Append(v.Lyrics)
                .Append('\u001f').AppendJoin(',', v.Tags).Append('\u001f').Append(v.Notes).Append('\u001f').Append(v.IncludeInTraining).Append('\u001e');
        }
        return new LibraryFingerprint(verses.Count, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString()))));
    }
}
