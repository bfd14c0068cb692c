using Portal.Core.Training;

namespace Portal.Core.Tests.Training;

public sealed class RetrainChecklistTests
{
    private static readonly JobMetrics Good = new()
    {
        Steps = 100,
        InitialLoss = 3.2,
        FinalLoss = 2.1,
        BestStep = 90,
        KnownVersesLossBefore = 1.00,
        KnownVersesLossAfter = 1.04,
        KnownVerseCount = 12,
        Probes = [new("Battle verse", "", "Line one of the verse\nLine two of the verse")],
    };

    [Fact]
    public void AGoodRetrainPassesEveryItemWithItsFigure()
    {
        var items = RetrainChecklist.Evaluate(Good);

        Assert.Equal([RetrainChecklist.LossDropped, RetrainChecklist.NoForgetting, RetrainChecklist.ProbesSound, RetrainChecklist.BestNotEarly],
            items.Select(i => i.Key));
        Assert.All(items, i => Assert.True(i.Passed, i.Key));
        Assert.Contains("3.200 → 2.100", items[0].Figure);
        Assert.Contains("+4.0%", items[1].Figure);
        Assert.Contains("1 of 1", items[2].Figure);
        Assert.Contains("step 90 of 100", items[3].Figure);
        Assert.True(RetrainChecklist.AllPassed(items));
    }

    [Fact]
    public void ALossDropUnderThreeTenthsFails()
    {
        var item = RetrainChecklist.Evaluate(Good with { InitialLoss = 2.3, FinalLoss = 2.1 })[0];

        Assert.False(item.Passed);
    }

    [Fact]
    public void ARiseOfMoreThanFivePercentOnKnownVersesIsForgetting()
    {
        var items = RetrainChecklist.Evaluate(Good with { KnownVersesLossAfter = 1.06 });

        Assert.False(items[1].Passed);
        Assert.False(RetrainChecklist.AllPassed(items));
    }

    [Fact]
    public void TheFirstModelHasNothingToForgetAndThatIsNotAFailure()
    {
        var items = RetrainChecklist.Evaluate(Good with { KnownVersesLossBefore = null, KnownVersesLossAfter = null });

        Assert.Null(items[1].Passed);
        Assert.True(RetrainChecklist.AllPassed(items));
    }

    [Fact]
    public void ABestCheckpointInTheFirstFifthOfTheRunFlagsOverfitting()
    {
        Assert.False(RetrainChecklist.Evaluate(Good with { BestStep = 20 })[3].Passed);
        Assert.True(RetrainChecklist.Evaluate(Good with { BestStep = 21 })[3].Passed);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("  \n \n", false)]
    [InlineData("same line\nsame line\nsame line", false)]
    [InlineData("a\nb\na\nb\na", false)]
    [InlineData("one line only", true)]
    [InlineData("first bar\nsecond bar\nfirst bar", true)]
    public void ProbeOutputIsSoundWhenItHasWordsAndDoesNotLoop(string text, bool sound)
    {
        Assert.Equal(sound, RetrainChecklist.IsSound(text));
    }

    [Fact]
    public void OneEmptyProbeFailsTheProbeItem()
    {
        var item = RetrainChecklist.Evaluate(Good with { Probes = [new("a", "", "fine words"), new("b", "", " ")] })[2];

        Assert.False(item.Passed);
        Assert.Contains("1 of 2", item.Figure);
    }
}
