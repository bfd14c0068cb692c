using Portal.Core.Verses;

namespace Portal.Core.Lint;

/// <summary>
/// Finds verses whose lyrics share most of their phrases with a given verse, by Jaccard similarity of word shingles.
/// An inverted index from shingle to verses means a query only touches verses that share a phrase with it, so a
/// 10,000-verse corpus is checked in well under a second instead of comparing every pair.
/// </summary>
/// <remarks>Not thread-safe: a query reuses one counting buffer to avoid allocating per verse.</remarks>
public sealed class NearDuplicateIndex(LintOptions options)
{
    // Guards against 0.8 computed as 0.7999999999 rejecting an exact 4-in-5 match.
    private const double Tolerance = 1e-9;

    private readonly LintOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly Dictionary<long, List<int>> _postings = [];
    private readonly Dictionary<int, int> _slotById = [];
    private readonly List<Entry> _entries = [];
    private int[] _shared = [];
    private readonly List<int> _touched = [];

    public int Count => _slotById.Count;

    /// <summary>Adds a verse, replacing any verse already added under <paramref name="id"/>.</summary>
    public void Add(int id, VerseText verse)
    {
        ArgumentNullException.ThrowIfNull(verse);
        Remove(id);

        var shingles = Shingles.Of(verse.Lyrics, _options.ShingleWords);
        var slot = _entries.Count;
        _entries.Add(new Entry(id, shingles));
        _slotById[id] = slot;
        foreach (var shingle in shingles)
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
        foreach (var shingle in _entries[slot].Shingles)
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

        var query = Shingles.Of(verse.Lyrics, _options.ShingleWords);
        if (query.Length == 0)
        {
            return [];
        }
        if (_shared.Length < _entries.Count)
        {
            _shared = new int[Math.Max(_entries.Count, 2 * _shared.Length)];
        }

        foreach (var shingle in query)
        {
            if (_postings.TryGetValue(shingle, out var slots))
            {
                foreach (var slot in slots)
                {
                    if (_shared[slot]++ == 0)
                    {
                        _touched.Add(slot);
                    }
                }
            }
        }

        var similar = new List<SimilarVerse>();
        foreach (var slot in _touched)
        {
            var entry = _entries[slot];
            var shared = _shared[slot];
            _shared[slot] = 0;
            var similarity = (double)shared / (query.Length + entry.Shingles.Length - shared);
            if (entry.Id != excludeId && similarity + Tolerance >= _options.NearDuplicateSimilarity)
            {
                similar.Add(new SimilarVerse(entry.Id, Math.Min(similarity, 1.0)));
            }
        }
        _touched.Clear();

        similar.Sort((a, b) => b.Similarity != a.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.Id.CompareTo(b.Id));
        return similar;
    }

    private sealed record Entry(int Id, long[] Shingles)
    {
        public static readonly Entry Removed = new(-1, []);
    }
}
