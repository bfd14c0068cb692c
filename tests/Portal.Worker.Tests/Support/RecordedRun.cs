using Portal.Core.Training;

namespace Portal.Worker.Tests.Support;

/// <summary>The executor's callbacks, recorded in the order they came. Thread-safe: the executor may run on another thread.</summary>
internal sealed class RecordedRun
{
    private readonly object _gate = new();
    private readonly List<object> _items = [];

    /// <summary>Sees each event as it is reported, on the reporting thread (e.g. to cancel at a given step).</summary>
    public Action<JobEventData>? OnEvent { get; init; }

    /// <summary>Runs when a checkpoint is announced, on the reporting thread.</summary>
    public Action? OnCheckpoint { get; init; }

    public void Report(JobEventData data)
    {
        lock (_gate) _items.Add(data);
        OnEvent?.Invoke(data);
    }

    public void CheckpointSaved()
    {
        lock (_gate) _items.Add(CheckpointNotice.Instance);
        OnCheckpoint?.Invoke();
    }

    public IReadOnlyList<object> Items
    {
        get { lock (_gate) return _items.ToList(); }
    }

    public IReadOnlyList<JobEventData> Events => Items.OfType<JobEventData>().ToList();

    public IReadOnlyList<JobProgress> Progress => Events.Where(e => e.Kind == JobEventKind.Progress).Select(e => e.Progress!).ToList();

    public IReadOnlyList<JobProgress> Evaluations => Progress.Where(p => p.IsEvaluation).ToList();

    public IReadOnlyList<JobProbe> Probes => Events.Where(e => e.Kind == JobEventKind.Probe).Select(e => e.Probe!).ToList();

    public IReadOnlyList<string> Logs => Events.Where(e => e.Kind == JobEventKind.Log).Select(e => e.Message!).ToList();

    public int Checkpoints => Items.Count(i => i is CheckpointNotice);

    public sealed class CheckpointNotice
    {
        public static CheckpointNotice Instance { get; } = new();
    }
}
