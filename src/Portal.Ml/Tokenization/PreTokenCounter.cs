using System.Runtime.InteropServices;

namespace Portal.Ml.Tokenization;

/// <summary>
/// Counts the distinct pre-tokens of a corpus. BPE training only ever looks inside one pre-token, so a few MB of
/// verses shrink to some tens of thousands of weighted words, which is what keeps training fast.
/// </summary>
static class PreTokenCounter
{
    /// <summary>Words with their counts, in order of first appearance (so training is deterministic).</summary>
    public static List<(string Word, long Count)> Count(IEnumerable<string> corpus, Gpt2PreTokenizer preTokenizer)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        // Looking words up by span saves allocating a string for every occurrence of every word.
        var bySpan = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var pieces = new List<(int Offset, int Length)>();

        foreach (var text in corpus)
        {
            if (string.IsNullOrEmpty(text)) continue;
            pieces.Clear();
            preTokenizer.Split(text, pieces);
            foreach (var (offset, length) in pieces)
            {
                var piece = text.AsSpan(offset, length);
                // A literal <|endoftext|> in the corpus marks a boundary; it must not teach merges of '<', '|'...
                if (preTokenizer.IsSpecial(piece)) continue;
                CollectionsMarshal.GetValueRefOrAddDefault(bySpan, piece, out _)++;
            }
        }

        return counts.Select(pair => (pair.Key, pair.Value)).ToList();
    }
}
