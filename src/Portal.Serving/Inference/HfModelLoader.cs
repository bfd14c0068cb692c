using Portal.Ml.Generation;
using Portal.Ml.Model;

namespace Portal.Serving.Inference;

/// <summary>Loads the checkout's model/ folder (a Hugging Face GPT-2 folder) onto the preferred device.</summary>
public sealed class HfModelLoader : IModelLoader
{
    public (Gpt Model, TokenCodec Codec) Load(string modelFolder)
    {
        var (model, tokenizer) = HfModelFolder.Load(modelFolder, "model/");
        return (model, TokenCodec.From(tokenizer));
    }
}
