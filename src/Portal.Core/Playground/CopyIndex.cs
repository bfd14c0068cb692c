namespace Portal.Core.Playground;

/// <summary>
/// The training verses of one model, as token ids, indexed so that an output can be checked for runs of
/// <see cref="MinTokens"/> or more consecutive tokens that repeat a verse: the model reciting instead of writing.
/// Built once per model and shared by every check (immutable, safe across threads).
/// </summary>
/// <remarks>
/// Every window of <see cref="MinTokens"/> tokens inside a verse is indexed by a rolling hash; a window of the output
/// counts as copied only once its tokens are compared with the verse's, so a hash collision never reports a copy.
/// Windows never cross from one verse into the next: the end of one verse followed by the start of another is not a
/// run the model could have learned as one.
/// </remarks>
public sealed class CopyIndex
{
    /// <summary>The shortest run reported: shorter repeats are common phrases, not copying.</summary>
    public const int DefaultMinTokens = 8;

    private readonly int[] _corpus;
    private readonly int[] _verseIds;
    private readonly int[] _verseStarts;
    private readonly TokenWindowHasher _hasher;
    private readonly TokenWindowTable _windows;

    public int MinTokens { get; }

    private CopyIndex(int minTokens, int[] corpus, int[] verseIds, int[] verseStarts)
    {
        MinTokens = minTokens;
        _corpus = corpus;
        _verseIds = verseIds;
        _verseStarts = verseStarts;
        _hasher = new TokenWindowHasher(minTokens);
        _windows = TokenWindowTable.Build(corpus, verseStarts, _hasher);
    }

    /// <summary>Indexes <paramref name="verses"/>; when several verses hold the same run, the first one listed is named.</summary>
    public static CopyIndex Build(IEnumerable<(int VerseId, IReadOnlyList<int> Tokens)> verses, int minTokens = DefaultMinTokens)
    {
        ArgumentNullException.ThrowIfNull(verses);
        ArgumentOutOfRangeException.ThrowIfLessThan(minTokens, 1);

        // One flat array for all verses: compact, and a verse's window is a span of it.
        var corpus = new List<int>();
        var verseIds = new List<int>();
        var verseStarts = new List<int> { 0 };
        foreach (var (verseId, tokens) in verses)
        {
            if (tokens is null)
                throw new ArgumentException($"Verse {verseId} has no token list.", nameof(verses));
            corpus.AddRange(tokens);
            verseIds.Add(verseId);
            verseStarts.Add(corpus.Count);
        }
        return new CopyIndex(minTokens, [.. corpus], [.. verseIds], [.. verseStarts]);
    }

    /// <summary>
    /// The copied spans of <paramref name="output"/>: each copied stretch, cut where the model goes on from one verse (or
    /// place in a verse) into another, so that every span repeats the verse it names token for token.
    /// </summary>
    /// <remarks>
    /// A copied stretch is covered exactly by the copied windows inside it: the windows merged where they overlap or
    /// touch. Its first span is the longest match at its start; each next one continues the earliest copied window that
    /// reaches past the span before, so the spans tile the stretch and a writer sees which verse every part came from.
    /// </remarks>
    public CopyReport Find(IReadOnlyList<int> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var text = output as int[] ?? [.. output];
        var copied = CopiedWindows(text);

        var spans = new List<CopiedSpan>();
        var copiedTokens = 0;
        for (var start = 0; start < copied.Length; start++)
        {
            if (!copied[start])
                continue;
            var end = start + MinTokens;
            var next = start + 1;
            for (; next < copied.Length && next <= end; next++)
            {
                if (copied[next])
                    end = next + MinTokens;
            }

            AddSpans(text, copied, start, end, spans);
            copiedTokens += end - start;
            start = next - 1;
        }
        return new CopyReport(spans, text.Length, copiedTokens);
    }

    /// <summary>Tiles the copied stretch [<paramref name="start"/>, <paramref name="end"/>) with spans, each one verse's match.</summary>
    private void AddSpans(int[] text, bool[] copied, int start, int end, List<CopiedSpan> spans)
    {
        var (from, at) = (start, start);
        while (at < end)
        {
            var (verse, offset, length) = LongestMatch(text, from, end);
            var lead = at - from;
            spans.Add(new CopiedSpan(at, from + length - at, _verseIds[verse], offset - _verseStarts[verse] + lead, lead));
            at = from + length;
            if (at < end)
                from = Continuing(copied, from, at);
        }
    }

    /// <summary>
    /// The first copied window after <paramref name="from"/> that covers token <paramref name="at"/>. One exists while the
    /// stretch goes on, and none at or before <paramref name="from"/> can reach <paramref name="at"/>, since the match at
    /// <paramref name="from"/> is at least a window long; the new match, also at least a window long, reaches past it.
    /// </summary>
    private int Continuing(bool[] copied, int from, int at)
    {
        for (var q = from + 1; q <= at && q < copied.Length; q++)
        {
            if (copied[q] && q + MinTokens > at)
                return q;
        }
        throw new InvalidOperationException("A copied stretch has a token no copied window covers.");
    }

    /// <summary>For each window of the output (by its first token), whether some verse holds the same tokens.</summary>
    private bool[] CopiedWindows(int[] text)
    {
        var count = text.Length - MinTokens + 1;
        if (count <= 0)
            return [];
        var copied = new bool[count];
        var hash = _hasher.Of(text.AsSpan(0, MinTokens));
        for (var start = 0; start < count; start++)
        {
            if (start > 0)
                hash = _hasher.Roll(hash, text[start - 1], text[start + MinTokens - 1]);
            var window = text.AsSpan(start, MinTokens);
            for (var w = _windows.First(hash); !copied[start] && _windows.HasHashAt(w, hash); w++)
                copied[start] = window.SequenceEqual(_corpus.AsSpan(_windows.Starts[w], MinTokens));
        }
        return copied;
    }

    /// <summary>
    /// The verse, where in the corpus, and how long, of the longest match starting at <paramref name="start"/>; no match
    /// can run past <paramref name="end"/>, the end of the stretch, or it would have been part of it.
    /// </summary>
    private (int Verse, int CorpusOffset, int Length) LongestMatch(int[] text, int start, int end)
    {
        var window = text.AsSpan(start, MinTokens);
        var hash = _hasher.Of(window);
        var (bestVerse, bestOffset, bestLength) = (-1, -1, 0);
        for (var w = _windows.First(hash); bestLength < end - start && _windows.HasHashAt(w, hash); w++)
        {
            var (offset, verse) = (_windows.Starts[w], _windows.Verses[w]);
            // Candidates come in corpus order, so an equal length never displaces the earlier verse; skipping those
            // that cannot be longer keeps a run of one repeated token from comparing every place it occurs in full.
            var room = Math.Min(_verseStarts[verse + 1] - offset, end - start);
            if (room <= bestLength || !window.SequenceEqual(_corpus.AsSpan(offset, MinTokens)))
                continue;
            var length = MinTokens;
            while (length < room && text[start + length] == _corpus[offset + length])
                length++;
            if (length > bestLength)
                (bestVerse, bestOffset, bestLength) = (verse, offset, length);
        }
        return bestVerse >= 0
            ? (bestVerse, bestOffset, bestLength)
            : throw new InvalidOperationException("A copied window was found once and then not again.");
    }
}
