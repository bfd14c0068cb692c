using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Training;

/// <summary>The identity of a dataset snapshot: SHA-256 over its verses' ids and content hashes, in id order.</summary>
public static class DatasetSnapshot
{
    public static string Hash(IEnumerable<SnapshotVerse> verses)
    {
        ArgumentNullException.ThrowIfNull(verses);
        var text = new StringBuilder();
        foreach (var verse in verses.OrderBy(v => v.VerseId))
            text.Append(verse.VerseId).Append(':').Append(verse.ContentHash).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
