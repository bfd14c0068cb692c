using System.Text.RegularExpressions;

namespace Portal.Core.Text;

/// <summary>
/// Counts the pieces GPT-2's pre-tokenizer splits text into. Byte-pair encoding only ever splits those pieces further,
/// so this is a close lower bound of the real token count: good enough for lint until the real BPE tokenizer lands.
/// </summary>
public sealed partial class Gpt2PreTokenCounter : ITokenCounter
{
    public int Count(string text) => string.IsNullOrEmpty(text) ? 0 : PreTokenizer().Count(text);

    /// <summary>The pieces themselves, for tests and for anyone who wants to show a writer where a line gets cut.</summary>
    internal static IEnumerable<string> Split(string text) => PreTokenizer().Matches(text).Select(match => match.Value);

    // The pattern from GPT-2's encoder.py. .NET matches it per UTF-16 unit, so letters outside the basic plane (e.g. 𝐇)
    // split differently than in Python: fine for an estimate; Portal.Ml's Gpt2Tokenizer gives the exact count.
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex PreTokenizer();
}
