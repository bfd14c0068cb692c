namespace Portal.Core.Training;

public enum JobEventKind
{
    /// <summary>The job changed state; <see cref="JobEventData.State"/> and, for failures, <see cref="JobEventData.Message"/>.</summary>
    State,

    /// <summary>A training step or an evaluation; <see cref="JobEventData.Progress"/>.</summary>
    Progress,

    /// <summary>A line for the log tail; <see cref="JobEventData.Message"/>.</summary>
    Log,

    /// <summary>What the model wrote for a golden prompt at an evaluation; <see cref="JobEventData.Probe"/>.</summary>
    Probe,
}

/// <summary>What happened, before the portal gives it a sequence number. Exactly the member of its kind is set.</summary>
public sealed record JobEventData(JobEventKind Kind)
{
    public JobState? State { get; init; }
    public string? Message { get; init; }
    public JobProgress? Progress { get; init; }
    public JobProbe? Probe { get; init; }

    /// <summary>When the worker produced it (its clock), so that delivery delay to watchers can be measured.</summary>
    public DateTimeOffset? ProducedAt { get; init; }

    public static JobEventData StateChanged(JobState state, string? message = null) => new(JobEventKind.State) { State = state, Message = message };
    public static JobEventData Log(string message) => new(JobEventKind.Log) { Message = message };
    public static JobEventData ProgressMade(JobProgress progress) => new(JobEventKind.Progress) { Progress = progress };
    public static JobEventData Probed(JobProbe probe) => new(JobEventKind.Probe) { Probe = probe };
}

/// <summary>
/// A stored event of one job. <paramref name="Sequence"/> counts from 1 per job with no gaps, so a client that has
/// seen up to N asks for everything after N and misses nothing.
/// </summary>
public sealed record JobEvent(long JobId, long Sequence, DateTimeOffset At, JobEventData Data);

/// <summary>A training step (<paramref name="IsEvaluation"/> false) or an evaluation (then with validation loss).</summary>
public sealed record JobProgress(
    int Step,
    int MaxSteps,
    double Epoch,
    double? TrainLoss,
    double? ValidationLoss,
    double LearningRate,
    double TokensPerSecond,
    double ElapsedSeconds,
    double? EtaSeconds,
    bool IsEvaluation);

public sealed record JobProbe(int Step, string Prompt, string Text);
