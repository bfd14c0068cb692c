using Portal.Ml.Training;

namespace Portal.Ml.Tests.Training;

public class TrainingCheckpointTests
{
    private static CheckpointState State(int step) => new()
    {
        Step = step,
        MaxSteps = 10,
        Schedule = new LearningRateSchedule(1e-3, 1e-4, 1, 10),
        ConfigJson = TinySetup.Config.ToHuggingFaceJson(0, 0),
    };

    [Fact]
    public void AWriteThatFailsHalfwayLeavesThePreviousCheckpointIntact()
    {
        var directory = TinySetup.TempDirectory();
        var path = Path.Combine(directory, "checkpoint.ckpt");
        using var model = TinySetup.Model();
        var optimizer = AdamWFactory.Create(model, TinySetup.Options);
        TrainingCheckpoint.Save(path, State(3), model, optimizer);
        var before = File.ReadAllBytes(path);

        // A disposed optimizer fails after the state and the weights were written: a write cut short.
        optimizer.Dispose();
        Assert.ThrowsAny<Exception>(() => TrainingCheckpoint.Save(path, State(4), model, optimizer));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(3, TrainingCheckpoint.ReadState(path).Step);
        Assert.Equal([path], Directory.GetFiles(directory));
    }

    [Fact]
    public void ATruncatedCheckpointIsRefusedWithAClearError()
    {
        var path = Path.Combine(TinySetup.TempDirectory(), "checkpoint.ckpt");
        using var model = TinySetup.Model();
        using var optimizer = AdamWFactory.Create(model, TinySetup.Options);
        TrainingCheckpoint.Save(path, State(3), model, optimizer);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..40]);

        var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.ReadState(path));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void DecayAppliesToMatrixWeightsAndEmbeddingsButNotToBiasesOrLayerNorms()
    {
        using var model = TinySetup.Model();
        using var optimizer = AdamWFactory.Create(model, TinySetup.Options);

        var groups = optimizer.ParamGroups.Cast<TorchSharp.Modules.AdamW.ParamGroup>().ToList();
        var decayed = groups[0].Parameters.ToHashSet();
        var names = model.named_parameters().ToDictionary(p => p.name, p => decayed.Contains(p.parameter));

        Assert.Equal(0.1, groups[0].Options.weight_decay);
        Assert.Equal(0.0, groups[1].Options.weight_decay);
        Assert.True(names["wte.weight"]);
        Assert.True(names["h.0.attn.c_attn.weight"]);
        Assert.False(names["h.0.attn.c_attn.bias"]);
        Assert.False(names["h.0.ln_1.weight"]);
        Assert.False(names["ln_f.bias"]);
    }
}
