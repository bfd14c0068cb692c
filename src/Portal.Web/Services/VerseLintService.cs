using Microsoft.Extensions.Options;
using Portal.Core.Lint;
using Portal.Core.Text;
using Portal.Core.Verses;
using Portal.Data.Verses;

namespace Portal.Web.Services;

/// <summary>
/// Lint for the dialog (one verse, checked against the whole library for near-duplicates) and for the corpus
/// report. The near-duplicate index is built per call: at 10,000 verses that is tens of milliseconds, and it can
/// never go stale.
/// </summary>
public sealed class VerseLintService(VerseStore verses, ITokenCounter tokens, IOptions<LintOptions> options)
{
    public LintOptions Options => options.Value;

    public IReadOnlyList<LintFinding> LintText(VerseText text) => VerseLinter.Lint(text, options.Value, tokens);

    public async Task<IReadOnlyList<LintFinding>> LintWithLibraryAsync(VerseText text, int? verseId, CancellationToken cancellationToken)
    {
        var findings = LintText(text).ToList();
        var index = new NearDuplicateIndex(options.Value);
        foreach (var verse in await verses.ListAsync(new VerseQuery(), cancellationToken))
            index.Add(verse.Id, verse.Text);
        foreach (var similar in index.FindSimilar(text, verseId).Take(3))
        {
            findings.Add(new LintFinding("near-duplicate", LintSeverity.Warning,
                $"Very close to verse #{similar.Id} ({similar.Similarity:P0} of phrases shared).", RelatedVerseId: similar.Id));
        }
        return findings;
    }

    public async Task<CorpusLintReport> LintCorpusAsync(CancellationToken cancellationToken)
    {
        var all = await verses.ListAsync(new VerseQuery(), cancellationToken);
        return CorpusLinter.Lint(all.Select(v => (v.Id, v.Text)), options.Value, tokens);
    }
}
