namespace Portal.Core.Playground;

/// <summary>
/// A rolling hash of a fixed-length window of token ids: sliding the window one token along costs O(1), so every
/// window of a text is hashed in one pass. Collisions are possible; callers compare the tokens before trusting one.
/// </summary>
internal readonly struct TokenWindowHasher
{
    // Any odd multiplier keeps the polynomial invertible mod 2^64; this one spreads bits well.
    private const ulong Base = 0x100000001B3;

    // Base^(length - 1): the weight of the token that leaves the window.
    private readonly ulong _leavingWeight;

    public TokenWindowHasher(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        Length = length;
        var weight = 1UL;
        for (var i = 1; i < length; i++)
            weight = unchecked(weight * Base);
        _leavingWeight = weight;
    }

    public int Length { get; }

    public ulong Of(ReadOnlySpan<int> window)
    {
        var hash = 0UL;
        foreach (var token in window)
            hash = unchecked(hash * Base + Scramble(token));
        return hash;
    }

    /// <summary>The hash of the window one token further on: <paramref name="leaving"/> drops out, <paramref name="entering"/> comes in.</summary>
    public ulong Roll(ulong hash, int leaving, int entering) =>
        unchecked((hash - Scramble(leaving) * _leavingWeight) * Base + Scramble(entering));

    // Token ids are small, dense integers; mixing them first keeps structured texts (long runs of one or two ids,
    // which lyrics have: "la la la") from hashing into the known weak spots of a plain polynomial hash.
    private static ulong Scramble(int token)
    {
        var x = unchecked((ulong)(uint)token + 0x9E3779B97F4A7C15);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EB);
        return x ^ (x >> 31);
    }
}
