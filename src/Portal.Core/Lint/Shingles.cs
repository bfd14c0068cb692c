using System.Text;

namespace Portal.Core.Lint;

/// <summary>
/// Word shingles of lyrics: every run of N consecutive words, as 64-bit hashes. Words are compared lower-case with
/// punctuation ignored, so "Don't stop, baby!" and "dont stop baby" are the same phrase.
/// </summary>
internal static class Shingles
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    /// <summary>Distinct shingle hashes, sorted. A verse shorter than N words is one shingle of all its words.</summary>
    public static long[] Of(string text, int wordsPerShingle)
    {
        var words = WordHashes(text ?? "");
        if (words.Count == 0)
        {
            return [];
        }

        var size = Math.Min(Math.Max(wordsPerShingle, 1), words.Count);
        var shingles = new long[words.Count - size + 1];
        for (var start = 0; start < shingles.Length; start++)
        {
            var hash = FnvOffset;
            for (var i = start; i < start + size; i++)
            {
                hash = (hash ^ words[i]) * FnvPrime;
            }
            shingles[start] = (long)hash;
        }

        Array.Sort(shingles);
        var distinct = 0;
        for (var i = 0; i < shingles.Length; i++)
        {
            if (i == 0 || shingles[i] != shingles[distinct - 1])
            {
                shingles[distinct++] = shingles[i];
            }
        }
        return shingles[..distinct];
    }

    private static List<ulong> WordHashes(string text)
    {
        var words = new List<ulong>();
        var hash = FnvOffset;
        var inWord = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsApostrophe(rune))
            {
                continue;   // "don't" and "dont" are the same word
            }
            if (Rune.IsLetterOrDigit(rune) || IsMark(rune))
            {
                hash = (hash ^ (ulong)Rune.ToLowerInvariant(rune).Value) * FnvPrime;
                inWord = true;
                continue;
            }
            if (inWord)
            {
                words.Add(Mix(hash));
                hash = FnvOffset;
                inWord = false;
            }
        }
        if (inWord)
        {
            words.Add(Mix(hash));
        }
        return words;
    }

    private static bool IsApostrophe(Rune rune) => rune.Value is '\'' or '\u2019' or '\u02BC';

    // Combining marks belong to their letter (Hindi vowel signs, decomposed accents), not between words.
    private static bool IsMark(Rune rune) => Rune.GetUnicodeCategory(rune) is
        System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    // FNV alone mixes its last bytes poorly; a final avalanche keeps shingle hashes of similar words apart.
    private static ulong Mix(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccd;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53;
        hash ^= hash >> 33;
        return hash;
    }
}
