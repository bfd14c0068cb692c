using Portal.Ml.Tokenization;

namespace Portal.Ml.Generation;

/// <summary>
/// The two directions between text and token ids, and the id that ends a verse. Generation needs nothing more of
/// a tokenizer, which keeps it testable with a byte-per-token codec.
/// </summary>
public sealed record TokenCodec(Func<string, int[]> Encode, Func<IReadOnlyList<int>, string> Decode, int EndOfTextId)
{
    public static TokenCodec From(Gpt2Tokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        return new TokenCodec(tokenizer.Encode, ids => tokenizer.Decode(ids), tokenizer.EndOfTextId);
    }
}
