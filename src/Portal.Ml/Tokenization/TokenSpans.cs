using System.Text;

namespace Portal.Ml.Tokenization;

/// <summary>
/// A text's tokens with the characters each covers, so that something found among token ids (a run copied from a
/// verse) can be shown on the text itself. BPE works on UTF-8 bytes and a token is a whole number of bytes, but not
/// always of characters: the chars go to the token that completes them, so spans never split a character or a
/// surrogate pair, follow one another without gaps, and cover the whole text.
/// </summary>
public static class TokenSpans
{
    /// <summary>The ids <see cref="Gpt2Tokenizer.Encode"/> gives for <paramref name="text"/>, each with its characters.</summary>
    public static TokenSpan[] Of(Gpt2Tokenizer tokenizer, string text)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(text);

        var ids = tokenizer.Encode(text);
        var spans = new TokenSpan[ids.Length];
        var (chars, bytes, tokenBytesEnd) = (0, 0, 0);
        for (var i = 0; i < ids.Length; i++)
        {
            tokenBytesEnd += ByteLength(tokenizer, ids[i]);
            var start = chars;
            while (chars < text.Length)
            {
                // A lone surrogate decodes as U+FFFD, three bytes: Encode replaces it with that character too.
                Rune.DecodeFromUtf16(text.AsSpan(chars), out var rune, out var consumed);
                if (bytes + rune.Utf8SequenceLength > tokenBytesEnd)
                    break;
                bytes += rune.Utf8SequenceLength;
                chars += consumed;
            }
            spans[i] = new TokenSpan(ids[i], start, chars - start);
        }

        if (chars != text.Length || bytes != tokenBytesEnd)
            throw new InvalidOperationException(
                $"The tokens' {tokenBytesEnd} bytes do not add up to the text's characters: is every token spelled in GPT-2's byte alphabet?");
        return spans;
    }

    // A token's text is spelled one char per byte in GPT-2's byte alphabet; the special token is its own literal text.
    private static int ByteLength(Gpt2Tokenizer tokenizer, int id) =>
        id == tokenizer.EndOfTextId ? Encoding.UTF8.GetByteCount(Gpt2Tokenizer.EndOfText) : tokenizer.Tokens[id].Length;
}
