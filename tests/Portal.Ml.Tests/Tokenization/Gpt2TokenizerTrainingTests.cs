using Portal.Ml.Tokenization;

namespace Portal.Ml.Tests.Tokenization;

public class Gpt2TokenizerTrainingTests
{
    static readonly string[] Verses =
    [
        "The moon is high above the silver sea,\nThe moon is calling out to me.",
        "Under the moon we danced all night,\nUnder the moon the stars burned bright.",
        "I'll sing of the moon until the morning light,\nI'll sing of the moon, it's out of sight.",
        "Silver sea, silver sky, silver moon,\nWe'll be home soon, we'll be home soon.",
    ];

    [Fact]
    public void FrequentWordsBecomeSingleTokens()
    {
        var tokenizer = Gpt2Tokenizer.Train(Verses, vocabSize: 400);

        Assert.Single(tokenizer.Encode(" moon"));
        Assert.Single(tokenizer.Encode(" silver"));
        Assert.Contains("Ġmoon", tokenizer.Tokens);
        Assert.True(tokenizer.Merges.Count > 20, $"only {tokenizer.Merges.Count} merges");
        Assert.True(tokenizer.Encode(Verses[0]).Length < Verses[0].Length / 2);
    }

    [Fact]
    public void TheMostFrequentPairIsMergedFirstAndTiesGoToTheSmallerIds()
    {
        // Pre-tokens "ab", " ab", " ab", " cd", " cd": (a,b) occurs 3 times. Then (Ġ,ab), (Ġ,c) and (c,d) tie at 2,
        // and 'c' (id 66) comes before 'Ġ' (id 220).
        var tokenizer = Gpt2Tokenizer.Train(["ab ab ab cd cd"], vocabSize: 259);

        Assert.Equal([("a", "b"), ("c", "d")], tokenizer.Merges);
        Assert.Equal(["ab", "cd", "<|endoftext|>"], tokenizer.Tokens.Skip(256));
    }

    [Fact]
    public void PairsAreCountedOverDistinctWordsWeightedByTheirCount()
    {
        // (x,y) lives in one word seen 3 times, (a,b) in two words seen once each: the weight wins over the
        // tie-break, which would prefer 'a'.
        var weighted = Gpt2Tokenizer.Train(["xy", "xy", "xy", "abc", "abd"], vocabSize: 258);
        Assert.Equal([("x", "y")], weighted.Merges);

        // And a pair's count is summed over every word that holds it.
        var summed = Gpt2Tokenizer.Train(["xy", "xy", "abc", "abd", "abe"], vocabSize: 258);
        Assert.Equal([("a", "b")], summed.Merges);
    }

    [Fact]
    public void TrainingStopsAtTheRequestedVocabularySize()
    {
        var tokenizer = Gpt2Tokenizer.Train(Verses, vocabSize: 300);

        Assert.Equal(300, tokenizer.VocabSize);
        Assert.Equal(300, tokenizer.Tokens.Count);
        Assert.Equal(299, tokenizer.EndOfTextId);
    }

    [Fact]
    public void TrainingStopsWhenNoPairRepeats()
    {
        var tokenizer = Gpt2Tokenizer.Train(["abcdef"], vocabSize: 1000);

        Assert.Empty(tokenizer.Merges);
        Assert.Equal(257, tokenizer.VocabSize);
        Assert.Equal(256, tokenizer.EndOfTextId);
    }

    [Fact]
    public void TrainingIsDeterministic()
    {
        var first = Gpt2Tokenizer.Train(Verses, vocabSize: 350);
        var second = Gpt2Tokenizer.Train(Verses.ToList(), vocabSize: 350);

        Assert.Equal(first.Tokens, second.Tokens);
        Assert.Equal(first.Merges, second.Merges);
    }

    [Fact]
    public void SavedAndLoadedTrainedTokenizerEncodesTheSame()
    {
        var trained = Gpt2Tokenizer.Train(Verses, vocabSize: 350);
        var dir = Directory.CreateTempSubdirectory("gpt2-trained-");
        try
        {
            trained.Save(dir.FullName);
            var loaded = Gpt2Tokenizer.Load(Path.Combine(dir.FullName, "vocab.json"), Path.Combine(dir.FullName, "merges.txt"));

            Assert.Equal("#version: 0.2", File.ReadLines(Path.Combine(dir.FullName, "merges.txt")).First());
            Assert.Equal(trained.Tokens, loaded.Tokens);
            Assert.Equal(trained.Merges, loaded.Merges);
            Assert.Equal(trained.EndOfTextId, loaded.EndOfTextId);
            foreach (var text in Verses.Append("Unseen words: zephyr, quixotic 🌙 月\n"))
                Assert.Equal(trained.Encode(text), loaded.Encode(text));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void EndOfTextIsTheLastIdAndEncodesAsOneToken()
    {
        var tokenizer = Gpt2Tokenizer.Train(Verses, vocabSize: 320);

        Assert.Equal(tokenizer.VocabSize - 1, tokenizer.EndOfTextId);
        Assert.Equal([tokenizer.EndOfTextId], tokenizer.Encode("<|endoftext|>"));
        var ids = tokenizer.Encode("moon<|endoftext|>sea");
        Assert.Contains(tokenizer.EndOfTextId, ids);
        Assert.Equal("moon<|endoftext|>sea", tokenizer.Decode(ids));
    }

    [Fact]
    public void EndOfTextInTheCorpusSeparatesTextAndTeachesNoMerges()
    {
        var corpus = Enumerable.Repeat("verse<|endoftext|>", 50);

        var tokenizer = Gpt2Tokenizer.Train(corpus, vocabSize: 400);

        Assert.DoesNotContain(tokenizer.Merges, merge => merge.Left.Contains('|') || merge.Right.Contains('|'));
        Assert.Contains("verse", tokenizer.Tokens);
    }

    [Theory]
    [InlineData("The moon is high above the silver sea")]
    [InlineData("Words never seen in training: zephyr, quixotic, Ωmega")]
    [InlineData("Emoji 🌙✨👨‍👩‍👧, CJK 月亮 and 달, newlines\n\n\r\n and tabs\t\t")]
    [InlineData("  leading, trailing and   inner   spaces  ")]
    [InlineData("𝐇𝐞𝐥𝐥𝐨 𝟏𝟐𝟑 and 𠀀")]
    [InlineData("")]
    public void TrainedTokenizerRoundTripsAnyText(string text)
    {
        var tokenizer = Gpt2Tokenizer.Train(Verses, vocabSize: 400);

        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Fact]
    public void ProgressClimbsToOneHundred()
    {
        var reports = new List<int>();

        Gpt2Tokenizer.Train(Verses, vocabSize: 320, new ListProgress(reports));

        Assert.NotEmpty(reports);
        Assert.Equal(100, reports[^1]);
        Assert.Equal(reports.Order(), reports);
        Assert.All(reports, percent => Assert.InRange(percent, 0, 100));
    }

    [Fact]
    public void VocabularySmallerThanTheByteTokensIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Gpt2Tokenizer.Train(Verses, vocabSize: 256));
    }

    [Fact]
    public void TenThousandVersesTrainToTheRequestedVocabularyAndEncodeLosslessly()
    {
        // Speed is measured by bench/Portal.Bench, not here; this checks a corpus of a real library's size works.
        var corpus = SyntheticVerses(count: 10_000, seed: 7).ToList();
        Assert.InRange(corpus.Sum(verse => verse.Length) / 1e6, 2, 4);

        var tokenizer = Gpt2Tokenizer.Train(corpus, vocabSize: 8192);

        Assert.Equal(8192, tokenizer.VocabSize);
        foreach (var verse in corpus.Take(50))
            Assert.Equal(verse, tokenizer.Decode(tokenizer.Encode(verse)));
    }

    /// <summary>Verses of made-up words drawn with a Zipf-like skew, as real words are.</summary>
    static IEnumerable<string> SyntheticVerses(int count, int seed)
    {
        var random = new Random(seed);
        const string letters = "etaoinshrdlucmfwypvbgkjqxz";
        var lexicon = Enumerable.Range(0, 20_000)
            .Select(_ => new string(Enumerable.Range(0, random.Next(2, 10)).Select(_ => letters[(int)(Math.Pow(random.NextDouble(), 2) * letters.Length)]).ToArray()))
            .ToArray();

        for (var v = 0; v < count; v++)
        {
            var lines = Enumerable.Range(0, 8).Select(_ =>
                string.Join(' ', Enumerable.Range(0, random.Next(4, 8)).Select(_ => lexicon[(int)(Math.Pow(random.NextDouble(), 3) * lexicon.Length)])) + ",");
            yield return string.Join('\n', lines);
        }
    }

    sealed class ListProgress(List<int> reports) : IProgress<int>
    {
        public void Report(int value) => reports.Add(value);
    }
}
