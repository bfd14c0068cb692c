using Portal.Ml.Training;

namespace Portal.Ml.Tests.Training;

public class LearningRateScheduleTests
{
    private readonly LearningRateSchedule _schedule = new(MaxRate: 1e-3, MinRate: 1e-4, WarmupSteps: 10, DecaySteps: 110);

    [Fact]
    public void RateRisesLinearlyDuringWarmup()
    {
        Assert.Equal(1e-3 / 11, _schedule.At(0), 12);
        Assert.Equal(1e-3 * 10 / 11, _schedule.At(9), 12);
        Assert.True(_schedule.At(5) > _schedule.At(4));
    }

    [Fact]
    public void RateDecaysAlongACosineToTheMinimumAndStaysThere()
    {
        Assert.Equal(1e-3, _schedule.At(10), 12);
        Assert.Equal((1e-3 + 1e-4) / 2, _schedule.At(60), 12);
        Assert.Equal(1e-4, _schedule.At(110), 12);
        Assert.Equal(1e-4, _schedule.At(500), 12);
        Assert.True(_schedule.At(30) > _schedule.At(31));
    }

    [Fact]
    public void StartModesHaveTheirOwnDefaultRates()
    {
        Assert.Equal(5e-5, TrainingOptions.For(StartMode.Base).LearningRate);
        Assert.Equal(1e-5, TrainingOptions.For(StartMode.Continue).LearningRate);
        Assert.Equal(3, TrainingOptions.For(StartMode.Base).Epochs);
        Assert.Equal(2, TrainingOptions.For(StartMode.Continue).BatchSize);
        Assert.True(TrainingOptions.For(StartMode.Scratch).LearningRate > 5e-5);
    }
}
