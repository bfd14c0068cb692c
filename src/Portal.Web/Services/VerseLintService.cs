using Microsoft.Extensions.Options;
using Portal.Core.Lint;
using Portal.Core.Text;
using Portal.Core.Verses;
using Portal.Data.Verses;

namespace Portal.Web.Services;

/// <summary>
/// Lint for the dialog (one verse, checked against the whole library for near-duplicates) and for the corpus
/// report. The near-duplicate index of the library is kept between keystrokes and rebuilt only when the library's
/// fingerprint says a verse changed.
/// </summary>
public sealed class VerseLintService(VerseStore verses, ITokenCounter tokens, IOptions<LintOptions> options)
{
    private const int MaxSimilarShown = 3;
    private readonly SemaphoreSlim rebuild = new(1, 1);
    private (LibraryFingerprint Fingerprint, NearDuplicateIndex Index)? cached;

    public LintOptions Options => options.Value;

    public IReadOnlyList<LintFinding> LintText(VerseText text) => VerseLinter.Lint(text, options.Value, tokens);

    public async Task<IReadOnlyList<LintFinding>> LintWithLibraryAsync(VerseText text, int? verseId, CancellationToken cancellationToken)
    {
        var findings = LintText(text).ToList();
        var index = await LibraryIndexAsync(cancellationToken);
        IReadOnlyList<SimilarVerse> matches;
        // The index reuses scratch buffers per query, and circuits share it: one query at a time (each takes ~1 ms).
        lock (index)
            matches = index.FindSimilar(text, verseId);
        foreach (var similar in matches.Take(MaxSimilarShown))
        {
            findings.Add(new LintFinding(LintCodes.NearDuplicate, LintSeverity.Warning,
                $"Very close to verse #{similar.Id} ({similar.Similarity:P0} of phrases shared).", RelatedVerseId: similar.Id));
        }
        return findings;
    }

    /// <summary>The corpus report over verses the caller has already read (it shows their prompts beside the findings).</summary>
    public CorpusLintReport LintCorpus(IReadOnlyList<Verse> library) =>
        CorpusLinter.Lint(library.Select(v => (v.Id, v.Text)), options.Value, tokens);

    private async Task<NearDuplicateIndex> LibraryIndexAsync(CancellationToken cancellationToken)
    {
        var fingerprint = await verses.FingerprintAsync(cancellationToken);
        if (cached is { } hit && hit.Fingerprint == fingerprint)
            return hit.Index;

        await rebuild.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } raced && raced.Fingerprint == fingerprint)
                return raced.Index;
            var index = new NearDuplicateIndex(options.Value);
            foreach (var verse in await verses.ListAsync(new VerseQuery(), cancellationToken))
                index.Add(verse.Id, verse.Text);
            cached = (fingerprint, index);
            return index;
        }
        finally
        {
            rebuild.Release();
        }
    }
}
