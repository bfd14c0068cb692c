using Portal.Core.Training;

namespace Portal.Worker.Tests.Support;

/// <summary>
/// An in-memory portal for the worker loop: a queue of jobs, scripted heartbeats and failures, and a record of every
/// call. Tasks let a test wait for a moment in the job's life instead of sleeping.
/// </summary>
internal sealed class FakeJobChannel(string root) : ITrainingJobChannel
{
    private readonly object _gate = new();
    private readonly Queue<JobAssignment> _queue = new();
    private readonly List<IReadOnlyList<JobEventData>> _reports = [];
    private readonly List<(long JobId, JobOutcome Outcome)> _completed = [];
    private readonly TaskCompletionSource _completedOne = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _heartbeats;
    private int _checkpoints;

    /// <summary>What each heartbeat answers, given the highest training step reported so far.</summary>
    public Func<int, LeaseStatus> Lease { get; set; } = _ => LeaseStatus.Active;

    /// <summary>How many of the first calls of each kind fail with a network error before they get through.</summary>
    public int FailingReports { get; set; }
    public int FailingHeartbeats { get; set; }

    /// <summary>Thrown by PrepareFilesAsync for these jobs.</summary>
    public Dictionary<long, Exception> PrepareFailures { get; } = [];

    /// <summary>Runs on the reporting call's thread with the highest step reported so far.</summary>
    public Action<int>? OnStep { get; set; }

    public void Enqueue(JobAssignment job)
    {
        lock (_gate) _queue.Enqueue(job);
    }

    public JobFiles FilesOf(long jobId) => TinyJobs.Files(Path.Combine(root, $"job-{jobId}"));

    /// <summary>Completes when the first job is completed.</summary>
    public Task Completed => _completedOne.Task;

    /// <summary>Completes when a claim finds the queue empty: the loop is through with every job.</summary>
    public Task Idle => _idle.Task;

    public int MaxStep { get; private set; }

    public IReadOnlyList<IReadOnlyList<JobEventData>> Reports
    {
        get { lock (_gate) return _reports.ToList(); }
    }

    public IReadOnlyList<JobEventData> Events => Reports.SelectMany(r => r).ToList();

    public IReadOnlyList<(long JobId, JobOutcome Outcome)> CompletedJobs
    {
        get { lock (_gate) return _completed.ToList(); }
    }

    public int Heartbeats => Volatile.Read(ref _heartbeats);
    public int CheckpointNotices => Volatile.Read(ref _checkpoints);

    public Task<JobAssignment?> ClaimAsync(string workerId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_queue.TryDequeue(out var job))
                return Task.FromResult<JobAssignment?>(job);
        }
        _idle.TrySetResult();
        return Task.FromResult<JobAssignment?>(null);
    }

    public Task<JobFiles> PrepareFilesAsync(JobAssignment job, CancellationToken cancellationToken) =>
        PrepareFailures.TryGetValue(job.JobId, out var failure) ? Task.FromException<JobFiles>(failure) : Task.FromResult(FilesOf(job.JobId));

    public Task<LeaseStatus> HeartbeatAsync(JobLease lease, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _heartbeats) <= FailingHeartbeats)
            throw new HttpRequestException("the portal is restarting");
        return Task.FromResult(Lease(MaxStep));
    }

    public Task ReportAsync(JobLease lease, IReadOnlyList<JobEventData> events, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (FailingReports > 0)
            {
                FailingReports--;
                throw new IOException("connection reset");
            }
            _reports.Add(events.ToList());
            MaxStep = Math.Max(MaxStep, events.Where(e => e.Progress is not null).Select(e => e.Progress!.Step).DefaultIfEmpty(0).Max());
        }
        OnStep?.Invoke(MaxStep);
        return Task.CompletedTask;
    }

    public Task CheckpointSavedAsync(JobLease lease, JobFiles files, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _checkpoints);
        return Task.CompletedTask;
    }

    public Task CompleteAsync(JobLease lease, JobFiles files, JobOutcome outcome, CancellationToken cancellationToken)
    {
        lock (_gate) _completed.Add((lease.JobId, outcome));
        _completedOne.TrySetResult();
        return Task.CompletedTask;
    }
}
