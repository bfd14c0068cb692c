using Portal.Ml.Generation;
using Portal.Ml.Model;
using Portal.Serving.Inference;

namespace Portal.Serving.Tests.Support;

/// <summary>Loads models as the service does, and puts the gate on the one loaded from a given commit's checkout.</summary>
internal sealed class GatedModelLoader(Func<string?> gatedCommit, DecodeGate gate) : IModelLoader
{
    private readonly HfModelLoader _loader = new();

    public (Gpt Model, TokenCodec Codec) Load(string modelFolder)
    {
        var (model, codec) = _loader.Load(modelFolder);
        return gatedCommit() is { } commit && modelFolder.Contains(commit, StringComparison.Ordinal) ? (model, gate.Wrap(codec)) : (model, codec);
    }
}
