namespace Portal.Ml.Tokenization;

/// <summary>
/// One token of a text and the characters it stands for: <see cref="Length"/> UTF-16 chars from <see cref="Start"/>.
/// A token that ends inside a character (part of an emoji's bytes) has no chars of its own, Length 0; the token that
/// completes the character holds all of it.
/// </summary>
public readonly record struct TokenSpan(int Id, int Start, int Length)
{
    public int End => Start + Length;
}
