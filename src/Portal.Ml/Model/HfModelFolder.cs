using Portal.Ml.Runtime;
using Portal.Ml.Tokenization;

namespace Portal.Ml.Model;

/// <summary>
/// Loads a Hugging Face GPT-2 folder (config.json, model.safetensors, vocab.json, merges.txt) with its tokenizer onto
/// the preferred device, for the apps that generate: the serving app and the portal's playground.
/// </summary>
public static class HfModelFolder
{
    /// <param name="name">How messages name the folder ("model/" in a deploy checkout); the path when null.</param>
    /// <exception cref="InvalidCheckpointException">Files are missing, or the tokenizer has ids the model has no row for.</exception>
    public static (Gpt Model, Gpt2Tokenizer Tokenizer) Load(string folder, string? name = null)
    {
        name ??= folder;
        // Checked before the tokenizer is read, so that a missing weights file is reported as such.
        var missing = HfCheckpoint.FindMissing(folder);
        if (missing.Count > 0)
            throw new InvalidCheckpointException($"{name} is not a complete GPT-2 model folder", missing);
        var tokenizer = Gpt2Tokenizer.LoadFolder(folder);
        var (model, config) = HfCheckpoint.Load(folder, TorchDevices.Preferred());
        if (tokenizer.VocabSize > config.VocabSize)
        {
            model.Dispose();
            throw new InvalidCheckpointException($"{name} does not fit together",
                [$"the tokenizer has {tokenizer.VocabSize} tokens but the model only {config.VocabSize}"]);
        }
        return (model, tokenizer);
    }
}
