using Portal.Core.Verses;

namespace Portal.Core.Lint;

/// <summary>
/// Finds verses whose lyrics share most of their phrases with a given verse, by Jaccard similarity of word shingles,
/// so that a 10,000-verse corpus is checked in well under a second instead of comparing every pair.
/// </summary>
/// <remarks>
/// <para>
/// An inverted index from shingle to verses, with prefix filtering: shingle sets are kept sorted by hash, and two sets
/// with Jaccard similarity t or more must share one of the first |S| - ⌈t·|S|⌉ + 1 shingles of each. So only those
/// prefixes (a fifth of each verse at t = 0.8) are indexed and probed, which keeps a common phrase such as "la la la"
/// from dragging every verse into every query. Candidates are then verified exactly on their full sets.
/// </para>
/// <para>Not thread-safe: a query reuses one marking buffer to avoid allocating per verse.</para>
/// </remarks>
public sealed class NearDuplicateIndex(LintOptions options)
{
    // Guards against 0.8 computed as 0.7999999999 rejecting an exact 4-in-5 match; prefixes use the same threshold.
    private const double Tolerance = 1e-9;

    private readonly double _threshold = (options ?? throw new ArgumentNullException(nameof(options))).NearDuplicateSimilarity - Tolerance;
    private readonly int _shingleWords = options.ShingleWords;
    private readonly Dictionary<long, List<int>> _postings = [];
    private readonly Dictionary<int, int> _slotById = [];
    private readonly List<Entry> _entries = [];
    private readonly List<int> _candidates = [];
    private bool[] _isCandidate = [];

    public int Count => _slotById.Count;

    /// <summary>Adds a verse, replacing any verse already added under <paramref name="id"/>.</summary>
    public void Add(int id, VerseText verse)
    {
        ArgumentNullException.ThrowIfNull(verse);
        Remove(id);

        var shingles = Shingles.Of(verse.Lyrics, _shingleWords);
        var slot = _entries.Count;
        _entries.Add(new Entry(id, shingles));
        _slotById[id] = slot;
        foreach (var shingle in Prefix(shingles))
        {
            if (!_postings.TryGetValue(shingle, out var slots))
            {
                _postings[shingle] = slots = [];
            }
            slots.Add(slot);
        }
    }

    public bool Remove(int id)
    {
        if (!_slotById.Remove(id, out var slot))
        {
            return false;
        }
        foreach (var shingle in Prefix(_entries[slot].Shingles))
        {
            _postings[shingle].Remove(slot);
        }
        _entries[slot] = Entry.Removed;
        return true;
    }

    /// <summary>Verses at or above the similarity threshold, most similar first (ties by id).</summary>
    public IReadOnlyList<SimilarVerse> FindSimilar(VerseText verse, int? excludeId = null)
    {
        ArgumentNullException.ThrowIfNull(verse);

        var query = Shingles.Of(verse.Lyrics, _shingleWords);
        if (query.Length == 0 || _threshold > 1)
        {
            return [];
        }
        if (_isCandidate.Length < _entries.Count)
        {
            _isCandidate = new bool[Math.Max(_entries.Count, 2 * _isCandidate.Length)];
        }

        foreach (var shingle in Prefix(query))
        {
            if (_postings.TryGetValue(shingle, out var slots))
            {
                foreach (var slot in slots)
                {
                    if (!_isCandidate[slot])
                    {
                        _isCandidate[slot] = true;
                        _candidates.Add(slot);
                    }
                }
            }
        }

        var similar = new List<SimilarVerse>();
        foreach (var slot in _candidates)
        {
            _isCandidate[slot] = false;
            var entry = _entries[slot];
            if (entry.Id == excludeId || !SizesCanMatch(query.Length, entry.Shingles.Length))
            {
                continue;
            }
            var shared = CountShared(query, entry.Shingles);
            var similarity = (double)shared / (query.Length + entry.Shingles.Length - shared);
            if (similarity >= _threshold)
            {
                similar.Add(new SimilarVerse(entry.Id, Math.Min(similarity, 1.0)));
            }
        }
        _candidates.Clear();

        similar.Sort((a, b) => b.Similarity != a.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.Id.CompareTo(b.Id));
        return similar;
    }

    private ReadOnlySpan<long> Prefix(long[] shingles)
    {
        var required = (int)Math.Ceiling(Math.Max(_threshold, 0) * shingles.Length);
        return shingles.AsSpan(0, Math.Clamp(shingles.Length - required + 1, 0, shingles.Length));
    }

    // Jaccard can reach t only if the smaller set has at least t times the larger's size.
    private bool SizesCanMatch(int a, int b) => Math.Min(a, b) >= _threshold * Math.Max(a, b);

    private static int CountShared(long[] a, long[] b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return shared;
    }

    private sealed record Entry(int Id, long[] Shingles)
    {
        public static readonly Entry Removed = new(-1, []);
    }
}
