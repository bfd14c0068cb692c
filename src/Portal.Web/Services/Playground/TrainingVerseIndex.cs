using Portal.Core.Playground;
using Portal.Core.Training;
using Portal.Ml.Tokenization;

namespace Portal.Web.Services.Playground;

/// <summary>
/// The verses one model learned, tokenised with that model's own tokenizer (a copy is a copy of its tokens), and
/// the copy guard's check of an output against them, reported on the characters of the output and of each verse.
/// Immutable: one index serves every check of the model.
/// </summary>
public sealed class TrainingVerseIndex
{
    private readonly Gpt2Tokenizer tokenizer;
    private readonly CopyIndex copies;
    private readonly Dictionary<int, (string Lyrics, TokenSpan[] Tokens)> verses;

    private TrainingVerseIndex(Gpt2Tokenizer tokenizer, CopyIndex copies, Dictionary<int, (string, TokenSpan[])> verses)
    {
        this.tokenizer = tokenizer;
        this.copies = copies;
        this.verses = verses;
    }

    public int VerseCount => verses.Count;

    /// <summary>Indexes the lyrics of <paramref name="learned"/>: the part of a verse the model is trained to write.</summary>
    public static TrainingVerseIndex Build(Gpt2Tokenizer tokenizer, IEnumerable<SnapshotVerse> learned, int minTokens = CopyIndex.DefaultMinTokens)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(learned);
        var verses = new Dictionary<int, (string, TokenSpan[])>();
        foreach (var verse in learned)
            verses[verse.VerseId] = (verse.Lyrics, TokenSpans.Of(tokenizer, verse.Lyrics));
        var copies = CopyIndex.Build(verses.Select(v => (v.Key, (IReadOnlyList<int>)Ids(v.Value.Item2))), minTokens);
        return new TrainingVerseIndex(tokenizer, copies, verses);
    }

    /// <summary>
    /// Passages of <paramref name="text"/> that repeat a verse for the index's minimum run of tokens or more. The text is
    /// tokenised afresh, as the verses were: the ids a model sampled can spell the same words differently.
    /// </summary>
    public CopyFindings Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = TokenSpans.Of(tokenizer, text);
        var ids = Ids(output);
        var report = copies.Find(ids);
        if (report.Spans.Count == 0)
            return new CopyFindings(0, 0, report.TotalTokens, []);
        var passages = report.Spans.Select(span => Passage(text, output, span)).Where(p => p.Length > 0).ToList();
        return new CopyFindings(report.Share, report.CopiedTokens, report.TotalTokens, passages);
    }

    /// <summary>
    /// The span's characters in the output, and the verse's words from where its copy began: for a copy that ran on from
    /// another verse, the words the two share come first in the excerpt, though they are marked with the passage before.
    /// </summary>
    private CopiedPassage Passage(string text, TokenSpan[] output, CopiedSpan span)
    {
        var (lyrics, verseTokens) = verses[span.VerseId];
        var excerpt = Trimmed(lyrics, verseTokens[span.VerseStart - span.Lead].Start, verseTokens[span.VerseStart + span.Length - 1].End);
        var (start, end) = Trim(text, output[span.Start].Start, output[span.Start + span.Length - 1].End);
        return new CopiedPassage(start, end - start, span.VerseId, excerpt);
    }

    private static string Trimmed(string text, int start, int end)
    {
        (start, end) = Trim(text, start, end);
        return text[start..end];
    }

    /// <summary>Without the whitespace at either end: GPT-2 tokens carry the space before a word, which is not part of the copy a writer sees.</summary>
    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
            start++;
        while (end > start && char.IsWhiteSpace(text[end - 1]))
            end--;
        return (start, end);
    }

    private static int[] Ids(TokenSpan[] spans) => Array.ConvertAll(spans, span => span.Id);
}
