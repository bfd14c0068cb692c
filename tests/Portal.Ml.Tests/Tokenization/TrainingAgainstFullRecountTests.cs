using System.Text;
using System.Text.RegularExpressions;
using Portal.Ml.Tokenization;

namespace Portal.Ml.Tests.Tokenization;

/// <summary>
/// The trainer updates pair counts incrementally, which is where BPE trainers go subtly wrong (runs like "aaaa",
/// pairs that reappear after a merge). A textbook trainer that recounts every pair before every merge must agree.
/// </summary>
public class TrainingAgainstFullRecountTests
{
    static readonly Regex Gpt2Pattern = new(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+");

    [Theory]
    [InlineData(1, "ab ")]
    [InlineData(2, "aab\n")]
    [InlineData(3, "abcde's.\n ")]
    public void IncrementalCountsLearnTheSameMergesAsAFullRecount(int seed, string alphabet)
    {
        var random = new Random(seed);
        var corpus = Enumerable.Range(0, 200)
            .Select(_ => new string(Enumerable.Range(0, random.Next(5, 60)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
            .ToList();

        var trained = Gpt2Tokenizer.Train(corpus, vocabSize: 420);

        Assert.Equal(FullRecountMerges(corpus, maxTokens: 419), trained.Merges);
    }

    /// <summary>Textbook BPE on ASCII text (where .NET's Regex splits exactly as GPT-2's pattern does).</summary>
    static List<(string Left, string Right)> FullRecountMerges(IEnumerable<string> corpus, int maxTokens)
    {
        var byteToChar = Gpt2ByteToChar();
        var tokens = byteToChar.Order().Select(c => c.ToString()).ToList();
        var ids = tokens.Select((token, id) => (token, id)).ToDictionary(x => x.token, x => x.id);
        var words = corpus
            .SelectMany(text => Gpt2Pattern.Matches(text).Select(match => match.Value))
            .GroupBy(word => word)
            .Select(group => (Symbols: Encoding.UTF8.GetBytes(group.Key).Select(b => ids[byteToChar[b].ToString()]).ToList(), Count: group.Count()))
            .ToList();

        var merges = new List<(string Left, string Right)>();
        while (tokens.Count < maxTokens)
        {
            var counts = new Dictionary<(int Left, int Right), int>();
            foreach (var (symbols, count) in words)
            {
                for (var i = 0; i + 1 < symbols.Count; i++)
                    counts[(symbols[i], symbols[i + 1])] = counts.GetValueOrDefault((symbols[i], symbols[i + 1])) + count;
            }

            if (counts.Count == 0) break;
            var best = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Left).ThenBy(kv => kv.Key.Right).First();
            if (best.Value < 2) break;

            var (left, right) = best.Key;
            var merged = tokens[left] + tokens[right];
            if (!ids.TryGetValue(merged, out var mergedId))
            {
                ids[merged] = mergedId = tokens.Count;
                tokens.Add(merged);
            }

            merges.Add((tokens[left], tokens[right]));
            foreach (var (symbols, _) in words)
            {
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    if (symbols[i] != left || symbols[i + 1] != right) continue;
                    symbols[i] = mergedId;
                    symbols.RemoveAt(i + 1);
                }
            }
        }

        return merges;
    }

    /// <summary>GPT-2's bytes_to_unicode, written out independently of the code under test.</summary>
    static char[] Gpt2ByteToChar()
    {
        var printable = Enumerable.Range('!', '~' - '!' + 1).Concat(Enumerable.Range('¡', '¬' - '¡' + 1)).Concat(Enumerable.Range('®', 'ÿ' - '®' + 1)).ToHashSet();
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++) table[b] = printable.Contains(b) ? (char)b : (char)next++;
        return table;
    }
}
