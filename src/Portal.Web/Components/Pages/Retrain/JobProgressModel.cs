using Portal.Core.Training;

namespace Portal.Web.Components.Pages.Retrain;

/// <summary>
/// One job's progress as its events tell it: state, latest step, loss curves, log tail and probe generations.
/// Events are numbered per job without gaps; one that is not newer than the last applied is ignored, so that the
/// stored events and the live broadcast can overlap (a reload, a late subscription) without doubling anything.
/// Not thread-safe: a component applies events on its renderer's thread.
/// </summary>
public sealed class JobProgressModel(long jobId)
{
    public const int LogTailLength = 20;

    private readonly List<LossPoint> train = [];
    private readonly List<LossPoint> validation = [];
    private readonly LinkedList<LogLine> logTail = [];
    private readonly SortedDictionary<int, List<JobProbe>> probesByStep = [];

    public long JobId { get; } = jobId;

    /// <summary>The sequence number of the last event applied; 0 before the first.</summary>
    public long LastSequence { get; private set; }

    /// <summary>The state the last state event announced; null until one arrives.</summary>
    public JobState? State { get; private set; }

    /// <summary>What came with the last state change (a failure's reason).</summary>
    public string? StateMessage { get; private set; }

    /// <summary>The latest training step (not evaluation): its step, epoch, speed and timing.</summary>
    public JobProgress? LastProgress { get; private set; }

    public IReadOnlyList<LossPoint> TrainLoss => train;

    public IReadOnlyList<LossPoint> ValidationLoss => validation;

    /// <summary>The last <see cref="LogTailLength"/> log lines, oldest first.</summary>
    public IReadOnlyList<LogLine> LogTail => [.. logTail];

    /// <summary>Probe generations grouped by evaluation step, newest first.</summary>
    public IReadOnlyList<ProbeRound> ProbeRounds =>
        probesByStep.Reverse().Select(round => new ProbeRound(round.Key, round.Value.ToList())).ToList();

    /// <summary>Applies one event; false (and nothing changes) when it belongs to another job or was already applied.</summary>
    public bool Apply(JobEvent jobEvent)
    {
        ArgumentNullException.ThrowIfNull(jobEvent);
        if (jobEvent.JobId != JobId || jobEvent.Sequence <= LastSequence)
            return false;
        LastSequence = jobEvent.Sequence;

        var data = jobEvent.Data;
        switch (data.Kind)
        {
            case JobEventKind.State when data.State is { } state:
                State = state;
                StateMessage = data.Message;
                break;
            case JobEventKind.Progress when data.Progress is { } progress:
                ApplyProgress(progress);
                break;
            case JobEventKind.Log when data.Message is { } message:
                AddLog(jobEvent.At, message);
                break;
            case JobEventKind.Probe when data.Probe is { } probe:
                AddProbe(probe);
                break;
        }
        return true;
    }

    public void ApplyAll(IEnumerable<JobEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var jobEvent in events)
            Apply(jobEvent);
    }

    public LossChartData Chart(int maxPoints = LossChartData.DefaultMaxPoints) => LossChartData.Build(train, validation, maxPoints);

    private void ApplyProgress(JobProgress progress)
    {
        if (progress.IsEvaluation)
        {
            if (progress.ValidationLoss is { } validationLoss)
                Add(validation, new LossPoint(progress.Step, validationLoss));
            // An evaluation's train loss fills the curve only where no step reported one: both measure the same weights.
            if (progress.TrainLoss is { } evaluatedTrainLoss && !HasStep(train, progress.Step))
                Add(train, new LossPoint(progress.Step, evaluatedTrainLoss));
            LastProgress ??= progress;
            return;
        }

        LastProgress = progress;
        if (progress.TrainLoss is { } trainLoss)
            Add(train, new LossPoint(progress.Step, trainLoss));
    }

    /// <summary>
    /// Adds a point in step order. A step at or before the curve's end means the job resumed from an earlier
    /// checkpoint (its worker died or the portal restarted): the steps it repeats replace the ones of the lost attempt.
    /// </summary>
    private static void Add(List<LossPoint> curve, LossPoint point)
    {
        if (curve.Count == 0 || curve[^1].Step < point.Step)
        {
            curve.Add(point);
            return;
        }
        var firstRepeated = curve.FindIndex(p => p.Step >= point.Step);
        if (firstRepeated >= 0)
            curve.RemoveRange(firstRepeated, curve.Count - firstRepeated);
        curve.Add(point);
    }

    private static bool HasStep(List<LossPoint> curve, int step) =>
        curve.Count > 0 && curve[^1].Step >= step && curve.Exists(p => p.Step == step);

    private void AddLog(DateTimeOffset at, string message)
    {
        logTail.AddLast(new LogLine(at, message));
        if (logTail.Count > LogTailLength)
            logTail.RemoveFirst();
    }

    // A resumed attempt probes the same step again: its text replaces the lost attempt's for that prompt.
    private void AddProbe(JobProbe probe)
    {
        if (!probesByStep.TryGetValue(probe.Step, out var round))
            probesByStep[probe.Step] = round = [];
        var existing = round.FindIndex(p => p.Prompt == probe.Prompt);
        if (existing >= 0)
            round[existing] = probe;
        else
            round.Add(probe);
    }
}
