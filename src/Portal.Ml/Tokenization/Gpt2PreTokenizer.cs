using System.Buffers;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace Portal.Ml.Tokenization;

/// <summary>
/// GPT-2's pre-tokenizer, <c>'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+</c>, written
/// out by hand, with special tokens cut out whole first (the text between them is split on its own, as Hugging Face
/// does). Not a .NET Regex: OpenAI's pattern runs on code points, while .NET's <c>\p{L}</c> sees the two halves of a
/// surrogate pair, so letters and digits outside the BMP (𝐇, 𠀀, 𝟏) would split differently from GPT-2.
/// </summary>
sealed class Gpt2PreTokenizer(IReadOnlyList<string> specialTokens) : PreTokenizer
{
    enum Kind : byte { Letter, Number, Space, Other }

    static readonly Kind[] AsciiKinds = Enumerable.Range(0, 128).Select(c => Classify(new Rune(c))).ToArray();

    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text) =>
        string.IsNullOrEmpty(text) ? [] : PreTokenize(text.AsSpan());

    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text)
    {
        var pieces = new List<(int Offset, int Length)>();
        Split(text, pieces);
        return pieces;
    }

    public bool IsSpecial(ReadOnlySpan<char> piece)
    {
        foreach (var special in specialTokens)
        {
            if (piece.SequenceEqual(special)) return true;
        }

        return false;
    }

    /// <summary>Appends the pre-tokens of <paramref name="text"/>; each special token comes out as one piece.</summary>
    public void Split(ReadOnlySpan<char> text, List<(int Offset, int Length)> pieces)
    {
        var start = 0;
        while (NextSpecial(text, start) is var (at, length) && length > 0)
        {
            SplitOrdinary(text[start..at], start, pieces);
            pieces.Add((at, length));
            start = at + length;
        }

        SplitOrdinary(text[start..], start, pieces);
    }

    (int At, int Length) NextSpecial(ReadOnlySpan<char> text, int from)
    {
        (int At, int Length) best = (text.Length, 0);
        foreach (var special in specialTokens)
        {
            var index = text[from..].IndexOf(special, StringComparison.Ordinal);
            if (index < 0) continue;
            var at = from + index;
            if (at < best.At || (at == best.At && special.Length > best.Length)) best = (at, special.Length);
        }

        return best;
    }

    static void SplitOrdinary(ReadOnlySpan<char> text, int offset, List<(int Offset, int Length)> pieces)
    {
        for (var i = 0; i < text.Length;)
        {
            var end = PieceEnd(text, i);
            pieces.Add((offset + i, end - i));
            i = end;
        }
    }

    /// <summary>Where the piece that starts at <paramref name="i"/> ends: the pattern's alternatives, in order.</summary>
    static int PieceEnd(ReadOnlySpan<char> s, int i)
    {
        if (s[i] == '\'' && ContractionLength(s[i..]) is > 0 and var contraction) return i + contraction;

        var kind = KindAt(s, i, out _);
        if (kind != Kind.Space) return RunEnd(s, i, kind);

        // " ?X+": one plain space (not a tab, not a newline) joins the letters, digits or symbols right after it.
        if (s[i] == ' ' && i + 1 < s.Length && KindAt(s, i + 1, out _) is var next && next != Kind.Space)
            return RunEnd(s, i + 1, next);

        // "\s+(?!\S)|\s+": a run of whitespace leaves its last character to lead the word that follows it.
        var runEnd = i;
        while (runEnd < s.Length && char.IsWhiteSpace(s[runEnd])) runEnd++;
        return runEnd == s.Length || runEnd - i == 1 ? runEnd : runEnd - 1;
    }

    static int ContractionLength(ReadOnlySpan<char> s) => s switch
    {
        ['\'', 's' or 't' or 'm' or 'd', ..] => 2,
        ['\'', 'r' or 'v', 'e', ..] => 3,
        ['\'', 'l', 'l', ..] => 3,
        _ => 0,
    };

    static int RunEnd(ReadOnlySpan<char> s, int i, Kind kind)
    {
        while (i < s.Length && KindAt(s, i, out var width) == kind) i += width;
        return i;
    }

    static Kind KindAt(ReadOnlySpan<char> s, int i, out int width)
    {
        if (s[i] < 128)
        {
            width = 1;
            return AsciiKinds[s[i]];
        }

        // A lone surrogate decodes as invalid with width 1: treat it as a symbol, as GPT-2 never sees one.
        return Rune.DecodeFromUtf16(s[i..], out var rune, out width) == OperationStatus.Done ? Classify(rune) : Kind.Other;
    }

    static Kind Classify(Rune rune) =>
        Rune.IsWhiteSpace(rune) ? Kind.Space
        : Rune.IsLetter(rune) ? Kind.Letter
        : Rune.IsNumber(rune) ? Kind.Number
        : Kind.Other;
}
