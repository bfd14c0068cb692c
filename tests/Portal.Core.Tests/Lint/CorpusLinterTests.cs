using Portal.Core.Lint;
using Portal.Core.Text;
using Portal.Core.Verses;

namespace Portal.Core.Tests.Lint;

public class CorpusLinterTests
{
    private static readonly LintOptions Options = new();
    private static readonly ITokenCounter Tokens = new Gpt2PreTokenCounter();

    [Fact]
    public void NearDuplicatesAreReportedOnBothVersesWithEachOthersId()
    {
        var lyrics = "Sun on the water and we don't need a plan\nDriving all night with the radio on\nYour hand out the window\nEvery road leads home";
        var corpus = new (int, VerseText)[]
        {
            (10, new("Upbeat pop about summer", lyrics, [])),
            (20, new("Slow ballad about rain", "Rain on the window\nYour coat on the chair\nThe kettle is cold\nThe letters unread", [])),
            (30, new("Upbeat pop about summer", lyrics.ToUpperInvariant() + "!", [])),
        };

        var report = CorpusLinter.Lint(corpus, Options, Tokens);

        var onFirst = Assert.Single(report.FindingsByVerse[10]);
        var onThird = Assert.Single(report.FindingsByVerse[30]);
        Assert.Equal((LintCodes.NearDuplicate, 30), (onFirst.Code, onFirst.RelatedVerseId));
        Assert.Equal((LintCodes.NearDuplicate, 10), (onThird.Code, onThird.RelatedVerseId));
        Assert.Equal("Same lyrics as verse 30; keep one so the model does not learn it twice.", onFirst.Message);
        Assert.False(report.FindingsByVerse.ContainsKey(20));
        Assert.Empty(report.For(20));
        Assert.Equal(2, report.VersesWithFindings);
        Assert.Equal(2, report.Count(LintCodes.NearDuplicate));
    }

    [Fact]
    public void TheReportCountsFindingsByCode()
    {
        var corpus = new (int, VerseText)[]
        {
            (1, new("", "a\nb\nc\nd", [])),
            (2, new("Sad", "a", [])),
            (3, new("Upbeat pop about summer", "Sun on the water\nWe don't need a plan\nDriving all night\nRadio on", [])),
        };

        var report = CorpusLinter.Lint(corpus, Options, Tokens);

        Assert.Equal(1, report.Count(LintCodes.PromptEmpty));
        Assert.Equal(1, report.Count(LintCodes.PromptShort));
        Assert.Equal(1, report.Count(LintCodes.BarsFew));
        Assert.Equal(0, report.Count(LintCodes.NearDuplicate));
        Assert.Equal(2, report.VersesWithFindings);
    }

    [Fact]
    public void ADuplicateIdIsAProgrammingError() =>
        Assert.Throws<ArgumentException>(() => CorpusLinter.Lint(
            [(1, new VerseText("Upbeat pop about summer", "a\nb\nc\nd", [])), (1, new VerseText("Other prompt here", "e\nf\ng\nh", []))],
            Options, Tokens));

    [Fact]
    public void ATenThousandVerseCorpusFindsExactlyThePlantedNearDuplicates()
    {
        var random = new Random(20240601);
        var vocabulary = Enumerable.Range(0, 3_000).Select(i => Word(random, i)).ToArray();
        var corpus = new List<(int Id, VerseText Verse)>();
        for (var id = 1; id <= 10_000; id++)
        {
            var lines = Enumerable.Range(0, 12).Select(_ => string.Join(' ', Enumerable.Range(0, 8).Select(_ => vocabulary[random.Next(vocabulary.Length)])));
            corpus.Add((id, new VerseText($"Style prompt number {id}", string.Join('\n', lines), [])));
        }

        // Plant 25 reworded copies of 25 different verses: one word changed in every fourth line, punctuation and case
        // changed in the others.
        var planted = new Dictionary<int, int>();
        for (var i = 0; i < 25; i++)
        {
            var source = corpus[i * 200 + random.Next(200)];
            var copyId = 10_001 + i;
            var lines = source.Verse.Lyrics.Split('\n')
                .Select((line, n) => n % 4 == 0 ? "Changed " + line[(line.IndexOf(' ') + 1)..] : line.ToUpperInvariant() + ",")
                .ToArray();
            corpus.Add((copyId, new VerseText("Style prompt for a copy", string.Join('\n', lines), [])));
            planted[copyId] = source.Id;
        }

        var report = CorpusLinter.Lint(corpus, Options, Tokens);

        Assert.Equal(50, report.Count(LintCodes.NearDuplicate));
        Assert.Equal(50, report.VersesWithFindings);
        foreach (var (copyId, sourceId) in planted)
        {
            Assert.Equal(sourceId, Assert.Single(report.FindingsByVerse[copyId]).RelatedVerseId);
            Assert.Contains(report.FindingsByVerse[sourceId], finding => finding.RelatedVerseId == copyId);
        }
    }

    private static string Word(Random random, int index) =>
        new string(Enumerable.Range(0, 3 + random.Next(6)).Select(_ => (char)('a' + random.Next(26))).ToArray()) + index;
}
