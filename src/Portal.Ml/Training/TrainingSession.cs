using Portal.Ml.Generation;
using Portal.Ml.Model;
using Portal.Ml.Runtime;
using Portal.Ml.Tokenization;
using TorchSharp;

namespace Portal.Ml.Training;

/// <summary>
/// A whole retrain, from verses to a model folder: picks the start (a preset with a tokenizer trained on the
/// corpus, a base checkpoint, or the previous version), trains, and saves the best weights in Hugging Face layout.
/// Runs on the calling thread, which owns the model throughout.
/// </summary>
public static class TrainingSession
{
    public static TrainingOutcome Run(TrainingRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Verses.Count == 0)
            throw new ArgumentException("There are no verses to train on.", nameof(request));

        var mode = ResolveMode(request);
        var options = request.Options ?? TrainingOptions.For(mode);
        options.Validate();
        var device = TorchDevices.Preferred();
        var (model, tokenizer) = mode == StartMode.Scratch
            ? FromScratch(request, options.Seed, device)
            : FromFolder(request.BaseFolder!, device);
        using (model)
        {
            var context = Math.Min(options.ContextLength ?? model.Config.NPositions, model.Config.NPositions);
            var encoder = new ExampleEncoder(PromptTemplate.Default, tokenizer.Encode, tokenizer.EndOfTextId, context + 1);
            var data = TrainingData.Create(request.Verses, encoder, options.ValidationFraction, tokenizer.EndOfTextId);
            var generator = new Generator(model, TokenCodec.From(tokenizer));
            var probe = (string prompt) => generator.Generate(prompt, new GenerationOptions { MaxNewTokens = options.ProbeTokens, Seed = options.Seed }).Text;

            var trainer = new Trainer(model, model.Config, data, options, request.RunDirectory, probe);
            var result = trainer.Run(progress, cancellationToken, request.ResumeFrom);
            if (result.Reason == StopReason.Cancelled)
                return new TrainingOutcome(result, mode, null);

            // The best weights by validation loss, not the last: the last may already overfit.
            if (result.BestCheckpointPath is { } best)
                TrainingCheckpoint.LoadWeights(best, model);
            HfCheckpoint.Save(model, request.ModelFolder, tokenizer);
            return new TrainingOutcome(result, mode, request.ModelFolder);
        }
    }

    /// <summary>Continuing needs a complete previous model; an incomplete folder means a fresh start.</summary>
    public static StartMode ResolveMode(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Mode switch
        {
            StartMode.Continue when request.BaseFolder is null || !HfCheckpoint.IsModelFolder(request.BaseFolder) => StartMode.Scratch,
            StartMode.Base when request.BaseFolder is null => throw new ArgumentException("Training from a base model needs the base model's folder.", nameof(request)),
            var mode => mode,
        };
    }

    private static (Gpt Model, Gpt2Tokenizer Tokenizer) FromScratch(TrainingRequest request, int seed, torch.Device device)
    {
        // A resumed run must see the very tokenizer its checkpoint was trained with, so it is kept in the run folder.
        var tokenizer = File.Exists(Path.Combine(request.RunDirectory, "vocab.json"))
            ? Gpt2Tokenizer.LoadFolder(request.RunDirectory)
            : Gpt2Tokenizer.Train(request.Verses.Select(v => PromptTemplate.Default.Full(v.Prompt, v.Lyrics)), GptConfig.Preset(request.Preset).VocabSize);
        Directory.CreateDirectory(request.RunDirectory);
        tokenizer.Save(request.RunDirectory);

        // Seeded so that the same request gives the same initial weights.
        torch.manual_seed(seed);
        var model = new Gpt(GptConfig.Preset(request.Preset, tokenizer.VocabSize));
        model.to(device);
        return (model, tokenizer);
    }

    private static (Gpt Model, Gpt2Tokenizer Tokenizer) FromFolder(string folder, torch.Device device)
    {
        var tokenizer = Gpt2Tokenizer.LoadFolder(folder);
        var (model, _) = HfCheckpoint.Load(folder, device);
        return (model, tokenizer);
    }
}
