using Portal.Core.Training;

namespace Portal.Core.Tests.Training;

public sealed class TrainingSettingsTests
{
    [Theory]
    [InlineData(RetrainPreset.Quick, JobStartMode.Continue, 1e-5)]
    [InlineData(RetrainPreset.Full, JobStartMode.Base, 5e-5)]
    [InlineData(RetrainPreset.Scratch, JobStartMode.Scratch, 1e-3)]
    public void EachPresetStartsWhereItSaysWithItsLearningRate(RetrainPreset preset, JobStartMode mode, double rate)
    {
        var settings = TrainingSettings.ForPreset(preset);

        Assert.Equal(mode, settings.StartMode);
        Assert.Equal(rate, settings.LearningRate);
    }

    [Fact]
    public void FullIsTheNotebooksRecipe()
    {
        var full = TrainingSettings.ForPreset(RetrainPreset.Full);

        Assert.Equal((3, 2), (full.Epochs, full.BatchSize));
    }

    [Fact]
    public void EveryPresetIsValidApartFromFullNeedingItsBaseModel()
    {
        Assert.Empty(TrainingSettings.ForPreset(RetrainPreset.Quick).Validate());
        Assert.Empty(TrainingSettings.ForPreset(RetrainPreset.Scratch, "small").Validate());
        Assert.Single(TrainingSettings.ForPreset(RetrainPreset.Full).Validate());
        Assert.Empty((TrainingSettings.ForPreset(RetrainPreset.Full) with { BaseModel = "gpt2" }).Validate());
    }

    [Fact]
    public void NonsenseSettingsAreRefusedWithAReasonEach()
    {
        var settings = new TrainingSettings
        {
            LearningRate = double.NaN, Epochs = 0, BatchSize = -1, ValidationFraction = 1, Beta2 = 1, ModelSize = "huge", ProbeTokens = 10_000,
        };

        var errors = settings.Validate();

        Assert.Equal(7, errors.Count);
        Assert.Contains(errors, e => e.Contains("learning rate", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("tiny, small", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../etc")]
    [InlineData("/etc")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData(".")]
    public void ABaseModelNameCannotPointOutsideBaseModels(string name)
    {
        Assert.False(TrainingSettings.IsSafeFolderName(name));
        Assert.NotEmpty((TrainingSettings.ForPreset(RetrainPreset.Full) with { BaseModel = name }).Validate());
    }

    [Fact]
    public void TheJobKeyChangesWithSettingsSnapshotAndStart()
    {
        var settings = TrainingSettings.ForPreset(RetrainPreset.Quick);
        var key = JobKey.Of("snapshot", settings, "job 1");

        Assert.Equal(key, JobKey.Of("snapshot", settings with { }, "job 1"));
        Assert.NotEqual(key, JobKey.Of("snapshot", settings with { Epochs = 4 }, "job 1"));
        Assert.NotEqual(key, JobKey.Of("other", settings, "job 1"));
        Assert.NotEqual(key, JobKey.Of("snapshot", settings, "job 2"));
    }

    [Fact]
    public void AutomaticRetrainingIsOffUntilAnAdminSetsAThreshold()
    {
        Assert.False(AutoRetrainSettings.Off.IsOn);
        Assert.True(new AutoRetrainSettings(10, null, RetrainPreset.Quick).IsOn);
        Assert.NotEmpty(new AutoRetrainSettings(0, null, RetrainPreset.Quick).Validate());
        Assert.NotEmpty(new AutoRetrainSettings(null, 2, RetrainPreset.Custom).Validate());
    }
}
