using Portal.Ml.Generation;
using Portal.Ml.Model;
using Portal.Ml.Runtime;
using Portal.Ml.Tokenization;

namespace Portal.Serving.Inference;

/// <summary>Loads a Hugging Face GPT-2 folder (config.json, model.safetensors, vocab.json, merges.txt) onto the preferred device.</summary>
public sealed class HfModelLoader : IModelLoader
{
    public (Gpt Model, TokenCodec Codec) Load(string modelFolder)
    {
        // Checked before the tokenizer is read, so that a missing weights file is reported as such.
        var missing = HfCheckpoint.FindMissing(modelFolder);
        if (missing.Count > 0)
            throw new InvalidCheckpointException("model/ is not a complete GPT-2 model folder", missing);
        var tokenizer = Gpt2Tokenizer.LoadFolder(modelFolder);
        var (model, config) = HfCheckpoint.Load(modelFolder, TorchDevices.Preferred());
        if (tokenizer.VocabSize > config.VocabSize)
        {
            model.Dispose();
            throw new InvalidCheckpointException("model/ does not fit together",
                [$"the tokenizer has {tokenizer.VocabSize} tokens but the model only {config.VocabSize}"]);
        }
        return (model, TokenCodec.From(tokenizer));
    }
}
