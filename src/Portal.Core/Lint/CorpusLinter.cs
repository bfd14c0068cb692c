using System.Globalization;
using Portal.Core.Text;
using Portal.Core.Verses;

namespace Portal.Core.Lint;

/// <summary>Lints every verse, then pairs near-duplicates, reporting each pair on both verses.</summary>
public static class CorpusLinter
{
    public static CorpusLintReport Lint(IEnumerable<(int Id, VerseText Verse)> corpus, LintOptions options, ITokenCounter tokens)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);

        var findings = new Dictionary<int, List<LintFinding>>();
        var index = new NearDuplicateIndex(options);
        foreach (var (id, verse) in corpus)
        {
            if (findings.ContainsKey(id))
            {
                throw new ArgumentException($"Verse id {id} appears more than once in the corpus.", nameof(corpus));
            }
            var own = new List<LintFinding>(VerseLinter.Lint(verse, options, tokens));
            findings[id] = own;

            // Querying before adding sees each pair exactly once, from its later verse; both get the finding.
            foreach (var match in index.FindSimilar(verse))
            {
                own.Add(NearDuplicate(match.Id, match.Similarity));
                findings[match.Id].Add(NearDuplicate(id, match.Similarity));
            }
            index.Add(id, verse);
        }

        return new CorpusLintReport(findings
            .Where(pair => pair.Value.Count > 0)
            .ToDictionary(pair => pair.Key, pair => (IReadOnlyList<LintFinding>)pair.Value));
    }

    private static LintFinding NearDuplicate(int otherId, double similarity)
    {
        var message = similarity >= 1.0
            ? string.Create(CultureInfo.InvariantCulture, $"Same lyrics as verse {otherId}; keep one so the model does not learn it twice.")
            : string.Create(CultureInfo.InvariantCulture, $"Nearly the same lyrics as verse {otherId} ({similarity:P0} of phrases shared); keep one so the model does not learn it twice.");
        return new LintFinding(LintCodes.NearDuplicate, LintSeverity.Warning, message, RelatedVerseId: otherId);
    }
}
