using System.Text;

namespace Portal.Ml.Tokenization;

/// <summary>
/// Learns byte-level BPE merges from weighted words. Each round merges the most frequent adjacent pair (ties go to
/// the smaller left id, then the smaller right id, so the result is deterministic). Pair counts are updated only
/// for the words that contain the merged pair, and a lazy max-heap finds the next best pair: a full recount per
/// merge would cost minutes on a writer's corpus instead of seconds.
/// </summary>
sealed class BpeTrainer
{
    readonly int[][] _words;
    readonly int[] _lengths;
    readonly long[] _counts;
    readonly List<string> _tokens = [];
    readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    readonly List<(string Left, string Right)> _merges = [];
    readonly Dictionary<long, long> _pairCounts = [];
    // Words that may hold each pair: a superset, checked when the pair is merged.
    readonly Dictionary<long, List<int>> _pairWords = [];
    readonly PriorityQueue<long, (long Count, long Pair)> _queue = new(BestPairFirst.Instance);

    BpeTrainer(IReadOnlyList<(string Word, long Count)> words)
    {
        var byteIds = new int[256];
        foreach (var b in ByteLevelAlphabet.BaseTokenOrder)
        {
            byteIds[b] = _tokens.Count;
            AddToken(ByteLevelAlphabet.ByteToChar[b].ToString());
        }

        _words = new int[words.Count][];
        _lengths = new int[words.Count];
        _counts = new long[words.Count];
        for (var w = 0; w < words.Count; w++)
        {
            var bytes = Encoding.UTF8.GetBytes(words[w].Word);
            _words[w] = Array.ConvertAll(bytes, b => byteIds[b]);
            _lengths[w] = bytes.Length;
            _counts[w] = words[w].Count;
            var symbols = _words[w];
            for (var i = 0; i + 1 < symbols.Length; i++)
            {
                var pair = Pair(symbols[i], symbols[i + 1]);
                _pairCounts[pair] = _pairCounts.GetValueOrDefault(pair) + _counts[w];
                NoteWord(pair, w);
            }
        }

        foreach (var (pair, count) in _pairCounts) _queue.Enqueue(pair, (count, pair));
    }

    /// <summary>
    /// The 256 byte tokens plus learned ones, at most <paramref name="maxTokens"/>, and the merges in rank order.
    /// Stops early when no pair occurs twice: a merge seen once would only memorise the corpus.
    /// </summary>
    public static (List<string> Tokens, List<(string Left, string Right)> Merges) Learn(
        IReadOnlyList<(string Word, long Count)> words, int maxTokens, IProgress<int>? progress)
    {
        var trainer = new BpeTrainer(words);
        trainer.Run(maxTokens, progress);
        return (trainer._tokens, trainer._merges);
    }

    void Run(int maxTokens, IProgress<int>? progress)
    {
        var start = _tokens.Count;
        var wanted = Math.Max(1, maxTokens - start);
        var reported = -1;
        var stamp = new int[_words.Length];
        Array.Fill(stamp, -1);

        while (_tokens.Count < maxTokens && NextPair() is { } best)
        {
            var (left, right) = Unpair(best);
            var merged = _tokens[left] + _tokens[right];
            // Two merge paths can in principle spell the same token; vocab.json can hold it only once.
            if (!_ids.TryGetValue(merged, out var mergedId)) mergedId = AddToken(merged);
            _merges.Add((_tokens[left], _tokens[right]));
            Apply(best, left, right, mergedId, stamp, _merges.Count);

            var percent = (int)(100L * (_tokens.Count - start) / wanted);
            if (percent != reported) progress?.Report(reported = percent);
        }

        if (reported != 100) progress?.Report(100);
    }

    /// <summary>The most frequent pair that occurs at least twice, or null.</summary>
    long? NextPair()
    {
        while (_queue.TryDequeue(out var pair, out var queued))
        {
            var count = _pairCounts.GetValueOrDefault(pair);
            if (count == queued.Count) return count >= 2 ? pair : null;
            // Stale entry. A count that grew was queued again when it grew; one that shrank goes back in as it is now.
            if (count > 0 && count < queued.Count) _queue.Enqueue(pair, (count, pair));
        }

        return null;
    }

    void Apply(long pair, int left, int right, int mergedId, int[] stamp, int round)
    {
        var deltas = new Dictionary<long, long>();
        foreach (var w in _pairWords[pair])
        {
            if (stamp[w] == round) continue;
            stamp[w] = round;
            MergeInWord(w, left, right, mergedId, deltas);
        }

        foreach (var (changed, delta) in deltas)
        {
            if (delta == 0) continue;
            var count = _pairCounts.GetValueOrDefault(changed) + delta;
            if (count == 0)
            {
                _pairCounts.Remove(changed);
                _pairWords.Remove(changed);
                continue;
            }

            _pairCounts[changed] = count;
            if (delta > 0) _queue.Enqueue(changed, (count, changed));
        }

        _pairWords.Remove(pair);
    }

    /// <summary>
    /// Merges every occurrence in one word, left to right, and records how the word's pair counts moved: the word's
    /// old pairs go out and its new ones come in, which stays right even for runs like "a a a".
    /// </summary>
    void MergeInWord(int w, int left, int right, int mergedId, Dictionary<long, long> deltas)
    {
        var symbols = _words[w];
        var length = _lengths[w];
        var count = _counts[w];

        for (var i = 0; i + 1 < length; i++)
        {
            var old = Pair(symbols[i], symbols[i + 1]);
            deltas[old] = deltas.GetValueOrDefault(old) - count;
        }

        var written = 0;
        for (var read = 0; read < length; written++)
        {
            if (read + 1 < length && symbols[read] == left && symbols[read + 1] == right)
            {
                symbols[written] = mergedId;
                read += 2;
            }
            else
            {
                symbols[written] = symbols[read++];
            }
        }

        _lengths[w] = written;
        for (var i = 0; i + 1 < written; i++)
        {
            var pair = Pair(symbols[i], symbols[i + 1]);
            deltas[pair] = deltas.GetValueOrDefault(pair) + count;
            if (symbols[i] == mergedId || symbols[i + 1] == mergedId) NoteWord(pair, w);
        }
    }

    int AddToken(string token)
    {
        _ids.Add(token, _tokens.Count);
        _tokens.Add(token);
        return _tokens.Count - 1;
    }

    void NoteWord(long pair, int w)
    {
        if (!_pairWords.TryGetValue(pair, out var list)) _pairWords[pair] = list = [];
        if (list.Count == 0 || list[^1] != w) list.Add(w);
    }

    static long Pair(int left, int right) => ((long)left << 32) | (uint)right;

    static (int Left, int Right) Unpair(long pair) => ((int)(pair >> 32), (int)pair);

    /// <summary>Higher count first; on a tie, the smaller pair (left id, then right id).</summary>
    sealed class BestPairFirst : IComparer<(long Count, long Pair)>
    {
        public static readonly BestPairFirst Instance = new();

        public int Compare((long Count, long Pair) x, (long Count, long Pair) y) =>
            x.Count != y.Count ? y.Count.CompareTo(x.Count) : x.Pair.CompareTo(y.Pair);
    }
}
