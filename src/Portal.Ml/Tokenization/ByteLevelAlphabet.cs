namespace Portal.Ml.Tokenization;

/// <summary>
/// GPT-2's bytes_to_unicode table. Byte-level BPE works on UTF-8 bytes, but vocab.json, merges.txt and GGUF store
/// tokens as text, so every byte gets a printable stand-in: bytes that are already printable Latin-1 keep their own
/// character, the rest (controls, space, soft hyphen...) are shifted to U+0100 and up, which is why a leading space
/// shows as 'Ġ' and a newline as 'Ċ'.
/// </summary>
static class ByteLevelAlphabet
{
    /// <summary>Stand-in character of each byte value.</summary>
    public static readonly char[] ByteToChar = Build();

    /// <summary>
    /// The 256 single-byte tokens in GPT-2's order (its ids 0-255): printable bytes first, then the shifted ones.
    /// That is the same as ordering the stand-ins by code point, so a trained vocabulary starts exactly like GPT-2's.
    /// </summary>
    public static readonly byte[] BaseTokenOrder = Enumerable.Range(0, 256)
        .OrderBy(b => ByteToChar[b])
        .Select(b => (byte)b)
        .ToArray();

    static char[] Build()
    {
        var table = new char[256];
        var shifted = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= '¡' and <= '¬' or >= '®' and <= 'ÿ';
            table[b] = printable ? (char)b : (char)(256 + shifted++);
        }

        return table;
    }
}
