using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Verses;

/// <summary>
/// The identity of a verse's content: the key for exact duplicates and, combined, for dataset snapshots. It is taken over
/// cleaned text so that line endings and trailing spaces never make two copies of a verse look different.
/// </summary>
public static class ContentHash
{
    public static string Of(string prompt, string lyrics)
    {
        var text = VerseTextCleaner.Clean(prompt) + "\n\n" + VerseTextCleaner.Clean(lyrics);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
