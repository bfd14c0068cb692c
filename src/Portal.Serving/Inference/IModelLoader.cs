using Portal.Ml.Generation;
using Portal.Ml.Model;

namespace Portal.Serving.Inference;

/// <summary>Turns a verified model folder into a model and its codec. Runs on the model's own inference thread.</summary>
public interface IModelLoader
{
    (Gpt Model, TokenCodec Codec) Load(string modelFolder);
}
