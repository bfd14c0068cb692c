using Portal.Ml.Generation;
using Portal.Ml.Model;
using Portal.Ml.Tests.Training;
using Portal.Ml.Training;

namespace Portal.Ml.Tests.Generation;

/// <summary>
/// A tiny model trained for a few dozen steps on the test verses, so that it writes mostly ASCII and ends verses:
/// text a test can reason about. Trained once per test class; each test loads its own copy of the weights.
/// </summary>
public sealed class TrainedTinyModel
{
    public TrainedTinyModel()
    {
        using var model = TinySetup.Model();
        var options = TinySetup.Options with { MaxSteps = 150, EvalInterval = 1000 };
        var result = new Trainer(model, TinySetup.Config, TinySetup.Data(), options, TinySetup.TempDirectory()).Run();
        CheckpointPath = result.CheckpointPath;
    }

    public string CheckpointPath { get; }

    public static TokenCodec Codec { get; } = new(TinySetup.Encode, ids => TinySetup.Decode(ids), TinySetup.EndOfTextId);

    public Gpt Load()
    {
        var model = TinySetup.Model();
        TrainingCheckpoint.LoadWeights(CheckpointPath, model);
        return model;
    }
}
