using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Training;
using Portal.Worker.Loop;
using Portal.Worker.Tests.Support;

namespace Portal.Worker.Tests.Loop;

public class EventPumpTests
{
    private static readonly JobLease Lease = new(1, "lease");
    private static readonly JobFiles Files = new("run", "candidate", null, null);
    private static readonly WorkerOptions Options = new() { RetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5) };

    private static JobEventData Log(int i) => JobEventData.Log($"line {i}");

    [Fact]
    public async Task EverythingPendingGoesInOneCallOfAtMostTwoHundredEvents()
    {
        var channel = new ScriptedChannel();
        var pump = new EventPump(channel, Lease, Files, Options, NullLogger.Instance, () => { });
        pump.Post(Log(-1));
        await channel.FirstReportStarted.Guarded();

        // Queued while the first call is still out.
        foreach (var i in Enumerable.Range(0, 450))
            pump.Post(Log(i));
        channel.ReleaseFirstReport();
        await pump.DrainAsync(CancellationToken.None).Guarded();

        Assert.Equal(["report 1", "report 200", "report 200", "report 50"], channel.Calls);
        Assert.Equal(Enumerable.Range(-1, 451).Select(i => $"line {i}"), channel.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task ACheckpointIsSentAfterTheEventsBeforeItAndNoticesInARowBecomeOne()
    {
        var channel = new ScriptedChannel();
        var pump = new EventPump(channel, Lease, Files, Options, NullLogger.Instance, () => { });
        pump.Post(Log(0));
        await channel.FirstReportStarted.Guarded();

        pump.Post(Log(1));
        pump.Post(Log(2));
        pump.CheckpointSaved();
        pump.CheckpointSaved();
        pump.Post(Log(3));
        pump.CheckpointSaved();
        channel.ReleaseFirstReport();
        await pump.DrainAsync(CancellationToken.None).Guarded();

        Assert.Equal(["report 1", "report 2", "checkpoint", "report 1", "checkpoint"], channel.Calls);
    }

    [Fact]
    public async Task NetworkErrorsAreRetriedWithoutLosingOrRepeatingEvents()
    {
        var channel = new ScriptedChannel { ReleaseFirst = true, Failures = new Queue<Exception>([new HttpRequestException("down"), new IOException("reset")]) };
        var pump = new EventPump(channel, Lease, Files, Options, NullLogger.Instance, () => { });

        foreach (var i in Enumerable.Range(0, 5))
            pump.Post(Log(i));
        await pump.DrainAsync(CancellationToken.None).Guarded();

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"line {i}"), channel.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task ALostLeaseStopsTheReportsAndSaysSo()
    {
        var channel = new ScriptedChannel { ReleaseFirst = true, Failures = new Queue<Exception>([new JobLeaseLostException(1)]) };
        var lost = false;
        var pump = new EventPump(channel, Lease, Files, Options, NullLogger.Instance, () => lost = true);

        pump.Post(Log(0));
        await pump.DrainAsync(CancellationToken.None).Guarded();
        pump.Post(Log(1));

        Assert.True(lost);
        Assert.Empty(channel.Events);
    }

    /// <summary>Records calls; the first report can be held until the test has queued more behind it.</summary>
    private sealed class ScriptedChannel : ITrainingJobChannel
    {
        private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _releaseFirst = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _first = true;

        public bool ReleaseFirst
        {
            init { if (value) _releaseFirst.SetResult(); }
        }

        public Queue<Exception> Failures { get; init; } = new();
        public List<string> Calls { get; } = [];
        public List<JobEventData> Events { get; } = [];
        public Task FirstReportStarted => _firstStarted.Task;

        public void ReleaseFirstReport() => _releaseFirst.SetResult();

        public async Task ReportAsync(JobLease lease, IReadOnlyList<JobEventData> events, CancellationToken cancellationToken)
        {
            if (_first)
            {
                _first = false;
                _firstStarted.SetResult();
                await _releaseFirst.Task;
            }
            if (Failures.TryDequeue(out var failure))
                throw failure;
            Calls.Add($"report {events.Count}");
            Events.AddRange(events);
        }

        public Task CheckpointSavedAsync(JobLease lease, JobFiles files, CancellationToken cancellationToken)
        {
            Calls.Add("checkpoint");
            return Task.CompletedTask;
        }

        public Task<JobAssignment?> ClaimAsync(string workerId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<JobFiles> PrepareFilesAsync(JobAssignment job, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<LeaseStatus> HeartbeatAsync(JobLease lease, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task CompleteAsync(JobLease lease, JobFiles files, JobOutcome outcome, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
