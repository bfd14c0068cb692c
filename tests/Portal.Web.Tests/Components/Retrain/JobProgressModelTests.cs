using Portal.Core.Training;
using Portal.Web.Components.Pages.Retrain;
using Portal.Web.Tests.Components.Retrain.Support;

namespace Portal.Web.Tests.Components.Retrain;

public sealed class JobProgressModelTests
{
    private const long JobId = 7;
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EventsAppliedInOrderBuildTheStateTheCurvesTheLogAndTheProbes()
    {
        var model = new JobProgressModel(JobId);

        model.ApplyAll(Events(
            JobEventData.StateChanged(JobState.Running),
            JobEventData.Log("training 1,234 tokens"),
            TestWorker.Step(1, 4.0),
            TestWorker.Step(2, 3.5),
            TestWorker.Evaluation(2, 3.4, 3.6),
            JobEventData.Probed(new JobProbe(2, "night bus", "lights on the glass")),
            TestWorker.Step(3, 3.0)));

        Assert.Equal(7, model.LastSequence);
        Assert.Equal(JobState.Running, model.State);
        Assert.Equal([new LossPoint(1, 4.0), new LossPoint(2, 3.5), new LossPoint(3, 3.0)], model.TrainLoss);
        Assert.Equal([new LossPoint(2, 3.6)], model.ValidationLoss);
        Assert.Equal(3, model.LastProgress!.Step);
        Assert.Equal(["training 1,234 tokens"], model.LogTail.Select(l => l.Text));
        var round = Assert.Single(model.ProbeRounds);
        Assert.Equal(2, round.Step);
        Assert.Equal("lights on the glass", Assert.Single(round.Probes).Text);
    }

    [Fact]
    public void AnEventAlreadyAppliedOrOlderIsIgnored()
    {
        var model = new JobProgressModel(JobId);
        var events = Events(TestWorker.Step(1, 4.0), JobEventData.Log("one"), TestWorker.Step(2, 3.5));
        model.ApplyAll(events);

        // A late subscription delivers what the stored events already held: nothing may count twice.
        Assert.False(model.Apply(events[2]));
        Assert.False(model.Apply(events[0]));
        Assert.False(model.Apply(events[1] with { Data = JobEventData.Log("a different line with an old number") }));

        Assert.Equal(3, model.LastSequence);
        Assert.Equal([new LossPoint(1, 4.0), new LossPoint(2, 3.5)], model.TrainLoss);
        Assert.Equal(["one"], model.LogTail.Select(l => l.Text));
    }

    [Fact]
    public void AnotherJobsEventIsIgnored()
    {
        var model = new JobProgressModel(JobId);

        var applied = model.Apply(new JobEvent(JobId + 1, 1, Start, TestWorker.Step(1, 4.0)));

        Assert.False(applied);
        Assert.Equal(0, model.LastSequence);
        Assert.Empty(model.TrainLoss);
        Assert.Null(model.LastProgress);
    }

    [Fact]
    public void AResumedRunReplacesTheStepsItRepeats()
    {
        var model = new JobProgressModel(JobId);

        // The first attempt got to step 4; the second resumed from the checkpoint at step 2 and trained on.
        model.ApplyAll(Events(
            TestWorker.Step(1, 4.0), TestWorker.Step(2, 3.5), TestWorker.Step(3, 3.2), TestWorker.Step(4, 3.1),
            TestWorker.Step(3, 3.3), TestWorker.Step(4, 3.0), TestWorker.Step(5, 2.9)));

        Assert.Equal([1, 2, 3, 4, 5], model.TrainLoss.Select(p => p.Step));
        Assert.Equal([4.0, 3.5, 3.3, 3.0, 2.9], model.TrainLoss.Select(p => p.Loss));
    }

    [Fact]
    public void TheLogTailKeepsTheLastTwentyLines()
    {
        var model = new JobProgressModel(JobId);

        model.ApplyAll(Events(Enumerable.Range(1, 25).Select(i => JobEventData.Log($"line {i}")).ToArray()));

        Assert.Equal(Enumerable.Range(6, 20).Select(i => $"line {i}"), model.LogTail.Select(l => l.Text));
    }

    [Fact]
    public void ProbesAreGroupedByEvaluationStepNewestFirst()
    {
        var model = new JobProgressModel(JobId);

        model.ApplyAll(Events(
            JobEventData.Probed(new JobProbe(10, "harbour", "first harbour")),
            JobEventData.Probed(new JobProbe(10, "chess", "first chess")),
            JobEventData.Probed(new JobProbe(20, "harbour", "second harbour")),
            JobEventData.Probed(new JobProbe(20, "chess", "second chess"))));

        Assert.Equal([20, 10], model.ProbeRounds.Select(r => r.Step));
        Assert.Equal(["second harbour", "second chess"], model.ProbeRounds[0].Probes.Select(p => p.Text));
        Assert.Equal(["first harbour", "first chess"], model.ProbeRounds[1].Probes.Select(p => p.Text));
    }

    [Fact]
    public void TheChartKeepsEveryStepWhenThereAreFewWithValidationOnlyAtEvaluations()
    {
        var model = new JobProgressModel(JobId);
        model.ApplyAll(Events(TestWorker.Step(1, 4.0), TestWorker.Step(2, 3.5), TestWorker.Evaluation(2, 3.5, 3.7), TestWorker.Step(3, 3.0)));

        var chart = model.Chart();

        Assert.Equal([1, 2, 3], chart.Steps);
        Assert.Equal([4.0, 3.5, 3.0], chart.Train);
        Assert.Equal([null, 3.7, null], chart.Validation);
    }

    [Fact]
    public void TheChartDownsamplesALongRunToAtMostTheLimitAndKeepsItsEnds()
    {
        var model = new JobProgressModel(JobId);
        var steps = Enumerable.Range(1, 1000).Select(step => TestWorker.Step(step, 5.0 - step / 1000.0));
        var evaluations = Enumerable.Range(1, 100).Select(i => TestWorker.Evaluation(i * 10, 0, 5.0 - i / 100.0));
        model.ApplyAll(Events(steps.Concat(evaluations).ToArray()));
        Assert.Equal(1000, model.TrainLoss.Count);

        var chart = model.Chart(maxPoints: 200);

        Assert.Equal(200, chart.Steps.Count);
        Assert.Equal(200, chart.Train.Count);
        Assert.Equal(200, chart.Validation.Count);
        Assert.Equal(5, chart.Steps[0]);
        Assert.Equal(1000, chart.Steps[^1]);
        // Each point is the mean of its five steps: steps 1-5 average to step 3's loss.
        Assert.Equal(5.0 - 3 / 1000.0, chart.Train[0]!.Value, precision: 9);
        Assert.Equal(5.0 - 998 / 1000.0, chart.Train[^1]!.Value, precision: 9);
        Assert.Equal(100, chart.Validation.Count(v => v is not null));
        Assert.Equal(4.0, chart.Validation[^1]!.Value, precision: 9);
    }

    [Fact]
    public void AnEmptyModelHasAnEmptyChart()
    {
        Assert.True(new JobProgressModel(JobId).Chart().IsEmpty);
    }

    /// <summary>The data as the store would number it: sequence 1, 2, ... for <see cref="JobId"/>.</summary>
    private static List<JobEvent> Events(params JobEventData[] data) =>
        data.Select((d, i) => new JobEvent(JobId, i + 1, Start.AddSeconds(i), d)).ToList();
}
