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
    public void CopiesThatTouchAreTwoTouchingSpansEachNamedAfterItsOwnVerse()
    {
        var (first, second) = (VerseTokens(1, 30), VerseTokens(2, 30));
        var index = Index((10, first), (20, second));
        int[] output = [.. first[0..10], .. second[3..15]];

        var report = index.Find(output);

        Assert.Equal([new CopiedSpan(0, 10, 10, 0), new CopiedSpan(10, 12, 20, 3)], report.Spans);
        Assert.Equal(22, report.CopiedTokens);
    }

    [Fact]
    public void ACopyThatRunsOnIntoAnotherVerseThroughWordsBothShareIsCutWhereTheFirstVerseEnds()
    {
        // "Ending 1 rings like a" from one verse, then "rings like a stadium bell" from another: the shared words are
        // reported once, with the first verse, and the second span says its copy began four tokens before it.
        var shared = Fresh(4);
        int[] first = [.. VerseTokens(1, 10), .. shared, .. VerseTokens(2, 6)];
        int[] second = [.. VerseTokens(3, 5), .. shared, .. VerseTokens(4, 6)];
        var index = Index((10, first), (20, second));
        int[] output = [.. first[0..14], .. second[9..15], .. Fresh(3, 800_000)];

        var report = index.Find(output);

        Assert.Equal([new CopiedSpan(0, 14, 10, 0), new CopiedSpan(14, 6, 20, 9, Lead: 4)], report.Spans);
        Assert.Equal(20, report.CopiedTokens);
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

        Assert.Equal([new CopiedSpan(0, 11, 5, 0), new CopiedSpan(11, 9, 20, 1, Lead: 1)], report.Spans);
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
    public void AnOutputRepeatingATokenLongerThanAnyVerseIsCopiedOverAllOfIt()
    {
        // Every window of the output matches somewhere, so all thirty tokens are copied, though no verse holds thirty:
        // the verse's twenty, then its first seventeen again from token 13, of which the first seven were already counted.
        var index = Index((1, [.. Enumerable.Repeat(7, 20)]), (2, [.. Enumerable.Repeat(7, 20)]));

        var report = index.Find([.. Enumerable.Repeat(7, 30)]);

        Assert.Equal([new CopiedSpan(0, 20, 1, 0), new CopiedSpan(20, 10, 1, 7, Lead: 7)], report.Spans);
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
    public void EverySpanOfOutputsStitchedFromManyVersesRepeatsTheVerseItNamesFromWhereItsLeadBegins()
    {
        // A vocabulary of four tokens: copies run into one another everywhere, as a model stitching its verses does.
        var random = new Random(2026);
        var verses = Enumerable.Range(1, 6).ToDictionary(id => id, _ => Enumerable.Range(0, 40).Select(_ => random.Next(4)).ToArray());
        var index = Index([.. verses.Select(v => (v.Key, v.Value))]);
        var continued = 0;
        for (var round = 0; round < 200; round++)
        {
            var output = new List<int>();
            while (output.Count < 60)
            {
                var verse = verses[random.Next(1, 7)];
                var from = random.Next(verse.Length - 5);
                output.AddRange(verse[from..Math.Min(verse.Length, from + random.Next(5, 16))]);
            }

            var report = index.Find(output);

            var previousEnd = 0;
            foreach (var span in report.Spans)
            {
                var verse = verses[span.VerseId];
                var copyStart = span.Start - span.Lead;
                Assert.True(span.Start >= previousEnd && span.Length > 0 && span.Lead >= 0, $"Round {round}: {span} after token {previousEnd}.");
                Assert.True(span.Lead + span.Length >= index.MinTokens, $"Round {round}: {span} is shorter than a copy.");
                Assert.Equal(verse[(span.VerseStart - span.Lead)..(span.VerseStart + span.Length)], output[copyStart..(span.Start + span.Length)]);
                // The lead is only ever words already reported: the span before reaches the start of this one.
                Assert.True(span.Lead == 0 || previousEnd == span.Start, $"Round {round}: {span} leads into tokens nobody reported.");
                previousEnd = span.Start + span.Length;
                continued += span.Lead > 0 ? 1 : 0;
            }
            Assert.Equal(report.CopiedTokens, report.Spans.Sum(span => span.Length));
        }
        Assert.True(continued > 0, "No copy ran on into another: the outputs did not test what they are for.");
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
