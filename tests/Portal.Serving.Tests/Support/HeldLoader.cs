using Portal.Ml.Generation;
using Portal.Ml.Model;
using Portal.Serving.Inference;

namespace Portal.Serving.Tests.Support;

/// <summary>Loads as the service does once the test lets it: the service stays "loading" for as long as a test needs.</summary>
internal sealed class HeldLoader(ManualResetEventSlim letGo) : IModelLoader
{
    public (Gpt Model, TokenCodec Codec) Load(string modelFolder)
    {
        letGo.Wait(TimeSpan.FromMinutes(1));
        return new HfModelLoader().Load(modelFolder);
    }
}
