using Portal.Ml.Model;
using Portal.Ml.Tokenization;
using Portal.Ml.Training;
using Portal.Worker.Tests.Support;
using TorchSharp;

namespace Portal.Worker.Tests.Execution;

public class LyricsLossTests
{
    private static readonly TrainingVerse[] Verses =
    [
        new("1", "rain blues", "rain on the roof\nslow and low"),
        new("2", "city lights", "neon in my eyes\nfast and high"),
    ];

    /// <summary>All weights zero: every next token is equally likely, so each scored token costs exactly ln(V).</summary>
    private static string UniformModel(TempFolder folder, int vocabSize)
    {
        var corpus = Verses.Select(v => PromptTemplate.Default.Full(v.Prompt, v.Lyrics)).ToList();
        var tokenizer = Gpt2Tokenizer.Train(corpus, vocabSize);
        using var model = new Gpt(new GptConfig(tokenizer.VocabSize, NPositions: 64, NEmbd: 16, NLayer: 1, NHead: 2));
        using (torch.no_grad())
        {
            foreach (var parameter in model.parameters())
                parameter.zero_();
        }
        var path = folder.Combine($"uniform-{vocabSize}");
        HfCheckpoint.Save(model, path, tokenizer);
        return path;
    }

    /// <summary>Lyric tokens plus the end token, per lyric character.</summary>
    private static double ExpectedPerCharacter(string folder)
    {
        var tokenizer = Gpt2Tokenizer.LoadFolder(folder);
        var scored = Verses.Sum(v => tokenizer.Encode(PromptTemplate.Lyrics(v.Lyrics)).Length + 1);
        var characters = Verses.Sum(v => PromptTemplate.Lyrics(v.Lyrics).Length);
        return Math.Log(tokenizer.VocabSize) * scored / characters;
    }

    [Theory]
    [InlineData(257)]
    [InlineData(320)]
    public void AUniformModelCostsLnVPerScoredTokenSpreadOverTheLyricCharacters(int vocabSize)
    {
        using var folder = new TempFolder();
        var model = UniformModel(folder, vocabSize);

        var loss = LyricsLoss.PerCharacter(model, Verses);

        Assert.NotNull(loss);
        Assert.Equal(ExpectedPerCharacter(model), loss.Value, 4);
    }

    [Fact]
    public void ATokenizerWithMergesScoresFewerTokensPerCharacter()
    {
        using var folder = new TempFolder();
        var bytes = UniformModel(folder, 257);
        var merged = UniformModel(folder, 320);

        // A byte-level model scores one token per character (plus the end token); merges make tokens span characters.
        Assert.Equal(Math.Log(257) * (Verses.Sum(v => v.Lyrics.Length) + 2) / Verses.Sum(v => v.Lyrics.Length), LyricsLoss.PerCharacter(bytes, Verses)!.Value, 4);
        Assert.NotEqual(LyricsLoss.PerCharacter(bytes, Verses)!.Value, LyricsLoss.PerCharacter(merged, Verses)!.Value, 3);
    }

    [Fact]
    public void VersesWithoutLyricCharactersHaveNoLoss()
    {
        using var folder = new TempFolder();
        var model = UniformModel(folder, 257);

        Assert.Null(LyricsLoss.PerCharacter(model, [new TrainingVerse("1", "prompt only", "   ")]));
    }
}
