namespace Portal.Core.Playground;

/// <summary>
/// Every window of <see cref="TokenWindowHasher.Length"/> tokens that lies wholly inside one verse, sorted by hash so
/// that the windows sharing a hash are one contiguous run, found by binary search. Within a run, windows keep corpus
/// order (verse order, then position), which makes the choice among equally good matches stable.
/// </summary>
/// <remarks>Three flat arrays instead of a dictionary of lists: a million windows cost 16 bytes each, not an object each.</remarks>
internal sealed class TokenWindowTable
{
    private readonly ulong[] _hashes;

    private TokenWindowTable(ulong[] hashes, int[] starts, int[] verses)
    {
        _hashes = hashes;
        Starts = starts;
        Verses = verses;
    }

    /// <summary>Where each window starts in the concatenated corpus, in table order.</summary>
    public int[] Starts { get; }

    /// <summary>The index (in corpus order) of the verse each window lies in, in table order.</summary>
    public int[] Verses { get; }

    public static TokenWindowTable Build(int[] corpus, int[] verseStarts, TokenWindowHasher hasher)
    {
        var length = hasher.Length;
        var count = 0;
        for (var v = 0; v + 1 < verseStarts.Length; v++)
            count += Math.Max(0, verseStarts[v + 1] - verseStarts[v] - length + 1);

        var hashes = new ulong[count];
        var order = new int[count];
        var starts = new int[count];
        var verses = new int[count];
        var w = 0;
        for (var v = 0; v + 1 < verseStarts.Length; v++)
        {
            var (first, last) = (verseStarts[v], verseStarts[v + 1] - length);
            for (var start = first; start <= last; start++, w++)
            {
                hashes[w] = start == first ? hasher.Of(corpus.AsSpan(start, length)) : hasher.Roll(hashes[w - 1], corpus[start - 1], corpus[start + length - 1]);
                order[w] = w;
                starts[w] = start;
                verses[w] = v;
            }
        }

        Array.Sort(hashes, order);
        SortRunsByCorpusOrder(hashes, order);
        return new TokenWindowTable(hashes, [.. order.Select(i => starts[i])], [.. order.Select(i => verses[i])]);
    }

    /// <summary>
    /// The first table position of the windows whose hash is <paramref name="hash"/>; they run on while
    /// <see cref="HasHashAt"/> holds. Walked by the caller rather than measured here, because a run can be long (one
    /// token repeated through many verses) and most callers stop at its first entry.
    /// </summary>
    public int First(ulong hash)
    {
        var (low, high) = (0, _hashes.Length);
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (_hashes[middle] < hash)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    public bool HasHashAt(int position, ulong hash) => position < _hashes.Length && _hashes[position] == hash;

    // Array.Sort is not stable; window numbers grow in corpus order, so sorting each run by them restores it.
    private static void SortRunsByCorpusOrder(ulong[] hashes, int[] order)
    {
        for (var from = 0; from < hashes.Length;)
        {
            var to = from + 1;
            while (to < hashes.Length && hashes[to] == hashes[from])
                to++;
            if (to - from > 1)
                Array.Sort(order, from, to - from);
            from = to;
        }
    }
}
