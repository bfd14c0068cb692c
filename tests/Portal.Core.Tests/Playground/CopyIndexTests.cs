using Portal.Core.Playground;

namespace Portal.Core.Tests.Playground;

public sealed class CopyIndexTests
{
    // Each verse gets its own id range, so that tokens never match across verses by accident.
    private static int[] VerseTokens(int verse, int length) => [.. Enumerable.Range(verse * 1000, length)];

    private static int[] Fresh(int length, int from = 900_000) => [.. Enumerable.Range(from, length)];

    private static CopyIndex Index(params (int Id, int[] Tokens)[] verses) =>
        CopyIndex.Build(verses.Select(v => (v.Id, (IReadOnlyList<int>)v.Tokens)));

    [Fact]
    public void APlantedRunOfEightTokensIsFoundWhereItIs()
    {
        var verse = VerseTokens(1, 40);
        var index = Index((17, verse));
        int[] output = [.. Fresh(5), .. verse[10..18], .. Fresh(6, 800_000)];

        var report = index.Find(output);

        Assert.Equal([new CopiedSpan(Start: 5, Length: 8, VerseId: 17, VerseStart: 10)], report.Spans);
        Assert.Equal(8, report.CopiedTokens);
        Assert.Equal(19, report.TotalTokens);
    }

    [Fact]
    public void ARunOfSevenTokensIsNotACopy()
    {
        var verse = VerseTokens(1, 40);
        var index = Index((17, verse));
        int[] output = [.. Fresh(5), .. verse[10..17], .. Fresh(6, 800_000)];

        var report = index.Find(output);

        Assert.Empty(report.Spans);
        Assert.Equal(0, report.CopiedTokens);
    }

    [Fact]
    public void ALongCopyIsOneSpanOfItsFullLength()
    {
        var verse = VerseTokens(2, 60);
        var index = Index((3, VerseTokens(1, 30)), (4, verse));
        int[] output = [.. Fresh(2), .. verse[5..36], .. Fresh(3, 800_000)];

        var report = index.Find(output);

        Assert.Equal([new CopiedSpan(2, 31, 4, 5)], report.Spans);
        Assert.Equal(31, report.CopiedTokens);
    }

    [Fact]
    public void TwoSeparateCopiesFromTwoVersesAreTwoSpansInOutputOrder()
    {
        var (first, second) = (VerseTokens(1, 30), VerseTokens(2, 30));
        var index = Index((10, first), (20, second));
        int[] output = [.. second[0..9], .. Fresh(4), .. first[20..30], .. Fresh(1, 800_000)];

        var report = index.Find(output);

        Assert.Equal([new CopiedSpan(0, 9, 20, 0), new CopiedSpan(13, 10, 10, 20)], report.Spans);
        Assert.Equal(19, report.CopiedTokens);
    }

    [Fact]
    public void CopiesThatTouchMergeIntoOneSpanNamedAfterTheVerseAtItsStart()
    {
        var (first, second) = (VerseTokens(1, 30), VerseTokens(2, 30));
        var index = Index((10, first), (20, second));
        int[] output = [.. first[0..10], .. second[3..15]];

        var report = index.Find(output);

        Assert.Equal([new CopiedSpan(0, 22, 10, 0)], report.Spans);
        Assert.Equal(22, report.CopiedTokens);
    }

    [Fact]
    public void ARunThatOnlyExistsAcrossTheBoundaryOfTwoVersesIsNotACopy()
    {
        var (first, second) = (VerseTokens(1, 20), VerseTokens(2, 20));
        // Contiguous in the corpus, but no verse holds all of it: the model never saw these twelve tokens in a row.
        first[^6..].CopyTo(second, 0);
        var index = Index((10, first), (20, second[6..]));
        int[] output = [.. first[^6..], .. second[6..12]];

        var report = index.Find(output);

        Assert.Empty(report.Spans);
    }

    [Fact]
    public void TheEndOfOneVerseAndTheStartOfTheNextAreTwoSpansNotOne()
    {
        var (first, second) = (VerseTokens(1, 20), VerseTokens(2, 20));
        var index = Index((10, first), (20, second));
        int[] output = [.. first[8..20], .. Fresh(1), .. second[0..9]];

        var report = index.Find(output);

        Assert.Equal([new CopiedSpan(0, 12, 10, 8), new CopiedSpan(13, 9, 20, 0)], report.Spans);
    }

    [Fact]
    public void AMatchStopsAtTheEndOfItsVerseWhateverVerseFollowsIt()
    {
        var (first, second) = (VerseTokens(1, 20), VerseTokens(2, 20));
        // Verse 5 holds eleven of the output's tokens in a row; verse 10 ten, then verse 20 starts where the rest are.
        var index = Index((5, [.. first[10..20], second[0], .. Fresh(3)]), (10, first), (20, second));
        int[] output = [.. first[10..20], .. second[0..10]];

        var report = index.Find(output);

        Assert.Equal([new CopiedSpan(0, 20, 5, 0)], report.Spans);
    }

    [Fact]
    public void TheSpanIsNamedAfterTheVerseWithTheLongestMatchAtItsStart()
    {
        var full = VerseTokens(5, 16);
        int[] partial = [.. full[0..9], .. Fresh(7)];
        var index = Index((1, partial), (2, full));

        var report = index.Find(full);

        Assert.Equal([new CopiedSpan(0, 16, 2, 0)], report.Spans);
    }

    [Fact]
    public void AnEqualMatchInTwoVersesIsNamedAfterTheFirstVerseListed()
    {
        var verse = VerseTokens(5, 12);
        var index = Index((30, [.. Fresh(3), .. verse]), (10, verse));

        var report = index.Find(verse);

        Assert.Equal([new CopiedSpan(0, 12, 30, 3)], report.Spans);
    }

    [Fact]
    public void TheShareIsCopiedTokensOverAllTokens()
    {
        var verse = VerseTokens(1, 20);
        var index = Index((1, verse));
        int[] output = [.. Fresh(15), .. verse[0..10], .. Fresh(15, 800_000)];

        var report = index.Find(output);

        Assert.Equal(40, report.TotalTokens);
        Assert.Equal(10, report.CopiedTokens);
        Assert.Equal(0.25, report.Share);
    }

    [Fact]
    public void AnEmptyOutputCopiesNothing()
    {
        var index = Index((1, VerseTokens(1, 20)));

        var report = index.Find([]);

        Assert.Empty(report.Spans);
        Assert.Equal(0, report.TotalTokens);
        Assert.Equal(0, report.Share);
    }

    [Fact]
    public void AnOutputShorterThanTheMinimumCopiesNothing()
    {
        var verse = VerseTokens(1, 20);
        var index = Index((1, verse));

        var report = index.Find(verse[..7]);

        Assert.Empty(report.Spans);
        Assert.Equal(7, report.TotalTokens);
    }

    [Fact]
    public void AnOutputWhollyCopiedHasAShareOfOne()
    {
        var verse = VerseTokens(1, 20);
        var index = Index((1, verse));

        Assert.Equal(1.0, index.Find(verse).Share);
    }

    [Fact]
    public void ARepeatedTokenIsCopiedWhereTheVerseRepeatsItLongEnough()
    {
        var index = Index((1, [.. Fresh(2), .. Enumerable.Repeat(7, 20)]), (2, [.. Enumerable.Repeat(7, 5)]));

        var twelve = index.Find([1, 2, .. Enumerable.Repeat(7, 12), 3]);
        var seven = index.Find([.. Enumerable.Repeat(7, 7)]);

        Assert.Equal([new CopiedSpan(2, 12, 1, 2)], twelve.Spans);
        Assert.Empty(seven.Spans);
    }

    [Fact]
    public void AnOutputRepeatingATokenLongerThanAnyVerseIsOneSpanOverAllOfIt()
    {
        // Every window of the output matches somewhere, so all thirty tokens are copied, though no verse holds thirty.
        var index = Index((1, [.. Enumerable.Repeat(7, 20)]), (2, [.. Enumerable.Repeat(7, 20)]));

        var report = index.Find([.. Enumerable.Repeat(7, 30)]);

        Assert.Equal([new CopiedSpan(0, 30, 1, 0)], report.Spans);
        Assert.Equal(30, report.CopiedTokens);
    }

    [Fact]
    public void AlternatingTokensAreMatchedByValueNotByHash()
    {
        // Two-token patterns are where a weak polynomial hash collides; the comparison must still tell them apart.
        int[] verse = [.. Enumerable.Range(0, 30).Select(i => i % 2)];
        var index = Index((1, verse));

        var copy = index.Find(verse[1..15]);
        var other = index.Find([.. Enumerable.Range(0, 30).Select(i => i % 3 == 0 ? 1 : 0)]);

        Assert.Equal([new CopiedSpan(0, 14, 1, 1)], copy.Spans);
        Assert.Empty(other.Spans);
    }

    [Fact]
    public void AVerseShorterThanTheMinimumIsNeverMatched()
    {
        var index = Index((1, VerseTokens(1, 7)));

        Assert.Empty(index.Find(VerseTokens(1, 7)).Spans);
    }

    [Fact]
    public void TheMinimumRunLengthCanBeChosen()
    {
        var verse = VerseTokens(1, 20);
        var index = CopyIndex.Build([(1, verse)], minTokens: 3);
        int[] output = [.. Fresh(2), .. verse[4..7], .. Fresh(2, 800_000)];

        Assert.Equal(3, index.MinTokens);
        Assert.Equal([new CopiedSpan(2, 3, 1, 4)], index.Find(output).Spans);
    }

    [Fact]
    public void APlantedCopyIsFoundAmongFiveThousandVerses()
    {
        var random = new Random(12345);
        var verses = Enumerable.Range(0, 5000)
            .Select(id => (id, (IReadOnlyList<int>)[.. Enumerable.Range(0, 200).Select(_ => random.Next(50_000))]))
            .ToList();
        var index = CopyIndex.Build(verses);
        int[] output = [.. Enumerable.Range(0, 512).Select(_ => random.Next(50_000, 50_257))];
        verses[4321].Item2.Skip(50).Take(20).ToArray().CopyTo(output, 300);

        var report = index.Find(output);

        Assert.Contains(new CopiedSpan(300, 20, 4321, 50), report.Spans);
        Assert.Equal(20, report.CopiedTokens);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CopyIndex.Build([(1, [1, 2, 3])], minTokens: 0));
        Assert.Throws<ArgumentNullException>(() => CopyIndex.Build(null!));
        Assert.Throws<ArgumentException>(() => CopyIndex.Build([(1, null!)]));
        Assert.Throws<ArgumentNullException>(() => Index((1, [1, 2, 3])).Find(null!));
    }
}
