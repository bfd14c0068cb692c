using Portal.Ml.Model;
using Portal.Ml.Runtime;
using Portal.Ml.Tokenization;

namespace Portal.Ml.Cli;

/// <summary>Loads a Hugging Face model folder with its tokenizer, or says plainly what is missing.</summary>
public static class ModelFolder
{
    public static (Gpt Model, Gpt2Tokenizer Tokenizer) Load(string folder)
    {
        var missing = HfCheckpoint.FindMissing(folder);
        if (missing.Count > 0)
            throw new UsageException($"\"{folder}\" is not a model folder: {string.Join("; ", missing)}.");
        var tokenizer = Gpt2Tokenizer.LoadFolder(folder);
        var (model, _) = HfCheckpoint.Load(folder, TorchDevices.Preferred());
        return (model, tokenizer);
    }
}
