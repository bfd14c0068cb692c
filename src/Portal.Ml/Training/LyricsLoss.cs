using System.Text;
using Portal.Ml.Model;
using Portal.Ml.Runtime;
using Portal.Ml.Tokenization;
using TorchSharp;

namespace Portal.Ml.Training;

/// <summary>
/// How well a model predicts the lyrics of verses, in nats per lyric character: the negative log-likelihood of the
/// lyric tokens (and the end token) given the prompt, summed, over the number of lyric characters. Per token, a model
/// with a coarser tokenizer would look worse (fewer, harder tokens); per character, two models with different
/// tokenizers compare fairly, which is what a forgetting check between versions needs.
/// </summary>
public static class LyricsLoss
{
    private const int BatchSize = 4;

    /// <summary>Loads the model folder on the calling thread, measures, and frees it. Null when the verses have no lyric characters.</summary>
    public static double? PerCharacter(string modelFolder, IReadOnlyList<TrainingVerse> verses)
    {
        ArgumentNullException.ThrowIfNull(verses);
        var tokenizer = Gpt2Tokenizer.LoadFolder(modelFolder);
        var (model, _) = HfCheckpoint.Load(modelFolder, TorchDevices.Preferred());
        using (model)
            return PerCharacter(model, tokenizer, verses);
    }

    public static double? PerCharacter(Gpt model, Gpt2Tokenizer tokenizer, IReadOnlyList<TrainingVerse> verses)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(verses);

        // The whole context, not a training run's shorter rows: as much of each verse as the model can see.
        var encoder = new ExampleEncoder(PromptTemplate.Default, tokenizer.Encode, tokenizer.EndOfTextId, model.Config.NPositions + 1);
        var examples = verses.Select(encoder.Encode).ToList();
        var characters = verses.Zip(examples, (verse, example) => LyricCharacters(verse, example, tokenizer)).Sum();
        if (characters == 0)
            return null;

        var device = model.parameters().First().device;
        var wasTraining = model.training;
        using var noGrad = torch.no_grad();
        model.eval();
        try
        {
            double total = 0;
            foreach (var rows in examples.Chunk(BatchSize))
            {
                using var scope = torch.NewDisposeScope();
                var batch = TrainingBatch.Build(rows, maskPrompt: true, tokenizer.EndOfTextId, device);
                var logits = model.forward(batch.Inputs);                                      // (B, T, V)
                // The masked mean times the number of kept targets is their sum.
                total += MaskedLoss.Compute(logits, batch.Targets, batch.Mask).item<float>() * (double)batch.TargetCount;
            }
            return total / characters;
        }
        finally
        {
            if (wasTraining) model.train();
        }
    }

    /// <summary>Characters of the lyrics that were scored: all of them, or, for a verse cut at the context, those of its kept tokens.</summary>
    private static int LyricCharacters(TrainingVerse verse, TokenizedExample example, Gpt2Tokenizer tokenizer)
    {
        var lyrics = PromptTemplate.Lyrics(verse.Lyrics);
        var complete = example.Length > 0 && example.Tokens[^1] == tokenizer.EndOfTextId && example.Length > example.PromptLength;
        var scored = complete ? lyrics : tokenizer.Decode(example.Tokens[example.PromptLength..].Where(id => id != tokenizer.EndOfTextId));
        return CountRunes(scored);
    }

    private static int CountRunes(string text)
    {
        var count = 0;
        foreach (Rune _ in text.EnumerateRunes())
            count++;
        return count;
    }
}
