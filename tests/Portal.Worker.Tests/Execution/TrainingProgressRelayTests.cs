using Portal.Core.Training;
using Portal.Ml.Training;
using Portal.Worker.Execution;
using Portal.Worker.Tests.Support;

namespace Portal.Worker.Tests.Execution;

public sealed class TrainingProgressRelayTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly TempFolder run = new();
    private readonly SteppingClock clock = new();
    private readonly List<JobEventData> events = [];

    public void Dispose() => run.Dispose();

    [Fact]
    public void FastStepsAreReportedOncePerIntervalWithTheMeanLossOfTheStepsBetween()
    {
        var relay = Relay();

        relay.Report(Step(1, loss: 4f));          // the first step is shown at once
        clock.Advance(TimeSpan.FromMilliseconds(400));
        relay.Report(Step(2, loss: 3f));
        clock.Advance(TimeSpan.FromMilliseconds(400));
        relay.Report(Step(3, loss: 2f));
        clock.Advance(TimeSpan.FromMilliseconds(400));
        relay.Report(Step(4, loss: 1f));          // 1.2 s after step 1

        var progress = Progress();
        Assert.Equal([1, 4], progress.Select(p => p.Step));
        Assert.Equal(4.0, progress[0].TrainLoss);
        Assert.Equal(2.0, progress[1].TrainLoss);
    }

    [Fact]
    public void HeldStepsAreReportedBeforeAnEvaluationAndAtTheEnd()
    {
        var relay = Relay();
        relay.Report(Step(1, loss: 4f));
        relay.Report(Step(2, loss: 3f));
        relay.Report(Evaluation(2));
        relay.Report(Step(3, loss: 2f));
        relay.Flush();

        var progress = Progress();
        Assert.Equal([(1, false), (2, false), (2, true), (3, false)], progress.Select(p => (p.Step, p.IsEvaluation)));
    }

    [Fact]
    public void TheLastStepIsNeverHeldBack()
    {
        var relay = Relay();
        relay.Report(Step(1, loss: 4f, max: 2));
        relay.Report(Step(2, loss: 3f, max: 2));

        Assert.Equal([1, 2], Progress().Select(p => p.Step));
    }

    private TrainingProgressRelay Relay() => new(new RunMetrics(), run.Path, events.Add, () => { }, Interval, clock);

    private List<JobProgress> Progress() => events.Where(e => e.Progress is not null).Select(e => e.Progress!).ToList();

    private static TrainingProgress Step(int step, float loss, int max = 100) =>
        new(TrainingEvent.Step, step, max, 0.1, loss, null, 1e-3, 1000, TimeSpan.FromSeconds(step), null);

    private static TrainingProgress Evaluation(int step) =>
        new(TrainingEvent.Evaluation, step, 100, 0.1, null, 2.5f, 1e-3, 1000, TimeSpan.FromSeconds(step), null);

    /// <summary>A monotonic clock that moves only when the test moves it.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long ticks = 1_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }
}
