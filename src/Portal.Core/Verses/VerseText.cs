namespace Portal.Core.Verses;

/// <summary>
/// One verse of the training corpus: a prompt that describes style or theme, the lyrics, and optional tags and notes.
/// </summary>
/// <remarks>
/// Equality compares <see cref="Tags"/> element by element: the compiler-generated record equality would compare the
/// list by reference, so two verses read from the same file twice would never be equal.
/// </remarks>
public sealed record VerseText(string Prompt, string Lyrics, IReadOnlyList<string> Tags, string? Notes = null)
{
    public bool Equals(VerseText? other) =>
        other is not null
        && string.Equals(Prompt, other.Prompt, StringComparison.Ordinal)
        && string.Equals(Lyrics, other.Lyrics, StringComparison.Ordinal)
        && string.Equals(Notes, other.Notes, StringComparison.Ordinal)
        && (Tags ?? []).SequenceEqual(other.Tags ?? [], StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Prompt, StringComparer.Ordinal);
        hash.Add(Lyrics, StringComparer.Ordinal);
        hash.Add(Notes, StringComparer.Ordinal);
        foreach (var tag in Tags ?? [])
        {
            hash.Add(tag, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }
}
