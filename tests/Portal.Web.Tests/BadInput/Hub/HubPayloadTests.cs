using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Core.Training;
using Portal.Web.Hubs;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.BadInput.Hub;

/// <summary>
/// /hubs/training with payloads built to hurt: messages over the size limit, floods of events, malformed events and
/// leases, arguments of the wrong type. Each is refused, other clients carry on, and the job's event stream keeps
/// exactly what it had, numbered without gaps.
/// </summary>
public sealed class HubPayloadTests : IAsyncLifetime
{
    private readonly PortalFactory portal = TrainingPortal.WithoutWorker();
    private HttpClient admin = null!;
    private HubConnection worker = null!;
    private HubWatcher watcher = null!;
    private JobAssignment job = null!;

    public async Task InitializeAsync()
    {
        admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2);
        await admin.QueueAsync(TinyJob.Settings());
        worker = await HubClient.ConnectAsync(portal, PortalFactory.WorkerToken);
        job = await worker.InvokeAsync<JobAssignment?>("ClaimJob", "gpu-box") ?? throw new InvalidOperationException("Nothing to claim.");
        watcher = await HubWatcher.StartAsync(portal, PortalFactory.AdminToken);
        await watcher.Connection.InvokeAsync("WatchJob", job.JobId);
        Assert.True(await worker.InvokeAsync<bool>("ReportEvents", job.Lease, new List<JobEventData> { JobEventData.Log("before the attack") }));
    }

    public async Task DisposeAsync()
    {
        await watcher.DisposeAsync();
        await worker.DisposeAsync();
        admin.Dispose();
        await portal.DisposeAsync();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100_000)]
    public async Task AMessageOverTheSizeLimitClosesOnlyThatConnectionAndStoresNothing(int events)
    {
        var before = await admin.GetEventsAsync(job.JobId);
        await using var hostile = await HubClient.ConnectAsync(portal, PortalFactory.WorkerToken);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hostile.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        // One log line of over a megabyte, or 100,000 small ones: either way more than the hub takes in one message.
        var message = events == 1 ? new string('x', (int)TrainingHub.MaxMessageBytes + 1) : "flood";
        var batch = Enumerable.Range(0, events).Select(_ => JobEventData.Log(message)).ToList();

        await Assert.ThrowsAnyAsync<Exception>(() => hostile.InvokeAsync<bool>("ReportEvents", job.Lease, batch));

        var error = await closed.Task.WaitAsync(JobWaits.Limit);
        Assert.Contains("closed with an error", error?.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Disconnected, hostile.State);
        await AssertStreamUnchangedAndStillWorkingAsync(before);
    }

    [Fact]
    public async Task MoreEventsThanOneCallMayCarryAreRefusedNamingTheLimit()
    {
        var before = await admin.GetEventsAsync(job.JobId);
        var batch = Enumerable.Range(0, TrainingHub.MaxEventsPerCall + 1).Select(i => JobEventData.Log("x")).ToList();

        var refused = await Assert.ThrowsAsync<HubException>(() => worker.InvokeAsync<bool>("ReportEvents", job.Lease, batch));

        Assert.Contains($"at most {TrainingHub.MaxEventsPerCall} events", refused.Message, StringComparison.Ordinal);
        await AssertStreamUnchangedAndStillWorkingAsync(before);
    }

    public static TheoryData<string, object, string> MalformedEvents => new()
    {
        { "progress without its figures", new { kind = (int)JobEventKind.Progress }, "a Progress event needs its progress" },
        { "log without its line", new { kind = (int)JobEventKind.Log }, "a Log event needs its message" },
        { "probe without its text", new { kind = (int)JobEventKind.Probe, probe = new { step = 1, prompt = "p" } }, "a Probe event needs its prompt and text" },
        { "a kind that does not exist", new { kind = 99, message = "x" }, "99 is not a kind of event" },
    };

    [Theory]
    [MemberData(nameof(MalformedEvents))]
    public async Task AMalformedEventIsRefusedWithTheWholeBatch(string what, object malformed, string reason)
    {
        var before = await admin.GetEventsAsync(job.JobId);
        object[] batch = [JobEventData.Log($"fine, but in a batch with {what}"), malformed];

        var refused = await Assert.ThrowsAsync<HubException>(() => worker.InvokeCoreAsync<bool>("ReportEvents", [job.Lease, batch]));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        await AssertStreamUnchangedAndStillWorkingAsync(before);
    }

    public static TheoryData<string, object[]> WrongTypes => new()
    {
        { "events as text", [new { jobId = 1, leaseId = "x" }, "not a list"] },
        { "a lease as a number", [42, new List<JobEventData> { JobEventData.Log("x") }] },
        { "a job id as text", [new { jobId = "one", leaseId = "x" }, new List<JobEventData> { JobEventData.Log("x") }] },
        { "an event as a number", [new { jobId = 1, leaseId = "x" }, new object[] { 7 }] },
        { "one argument missing", [new { jobId = 1, leaseId = "x" }] },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task ArgumentsOfTheWrongTypeAreRefusedAndTheConnectionCarriesOn(string what, object[] arguments)
    {
        var before = await admin.GetEventsAsync(job.JobId);

        var refused = await Assert.ThrowsAsync<HubException>(() => worker.InvokeCoreAsync<bool>("ReportEvents", arguments));

        // Binding fails before the method runs; without detailed errors (off, so that no exception text leaks) that is all the hub says.
        Assert.True(refused.Message.StartsWith("Failed to invoke 'ReportEvents'", StringComparison.Ordinal), $"{what}: {refused.Message}");
        Assert.Equal(HubConnectionState.Connected, worker.State);
        await AssertStreamUnchangedAndStillWorkingAsync(before);
    }

    [Theory]
    [InlineData(-1L, false)]
    [InlineData(0L, false)]
    [InlineData(long.MaxValue, true)]
    public async Task ALeaseForAJobThatIsNotTheWorkersIsRefused(long jobId, bool wellFormed)
    {
        var before = await admin.GetEventsAsync(job.JobId);
        var lease = job.Lease with { JobId = jobId };
        var events = new List<JobEventData> { JobEventData.Log("not yours") };

        if (wellFormed)
        {
            Assert.False(await worker.InvokeAsync<bool>("ReportEvents", lease, events));
            Assert.Equal(LeaseStatus.Lost, await worker.InvokeAsync<LeaseStatus>("Heartbeat", lease));
            Assert.False(await worker.InvokeAsync<bool>("CompleteJob", lease, JobOutcome.Failed("not yours")));
        }
        else
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => worker.InvokeAsync<bool>("ReportEvents", lease, events));
            Assert.Contains("lease is missing or malformed", refused.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<HubException>(() => worker.InvokeAsync<bool>("CompleteJob", lease, JobOutcome.Failed("not yours")));
        }
        await AssertStreamUnchangedAndStillWorkingAsync(before);
        Assert.Equal(JobState.Running, (await admin.GetJobAsync(job.JobId)).State);
    }

    [Fact]
    public async Task ALeaseOfOneJobCannotReportOrCompleteAnother()
    {
        await admin.QueueAsync(TinyJob.Settings(seed: 7));
        await using var other = await HubClient.ConnectAsync(portal, PortalFactory.WorkerToken);
        var second = await other.InvokeAsync<JobAssignment?>("ClaimJob", "other-box") ?? throw new InvalidOperationException("Nothing to claim.");
        var secondBefore = await admin.GetEventsAsync(second.JobId);
        var stolen = second.Lease with { LeaseId = job.Lease.LeaseId };

        Assert.False(await worker.InvokeAsync<bool>("ReportEvents", stolen, new List<JobEventData> { JobEventData.Log("forged") }));
        Assert.False(await worker.InvokeAsync<bool>("CompleteJob", stolen, JobOutcome.Failed("forged")));

        Assert.Equal(secondBefore, await admin.GetEventsAsync(second.JobId));
        Assert.Equal(JobState.Running, (await admin.GetJobAsync(second.JobId)).State);
    }

    [Fact]
    public async Task AnOversizedLeaseIdIsRefused()
    {
        var before = await admin.GetEventsAsync(job.JobId);

        var refused = await Assert.ThrowsAsync<HubException>(() => worker.InvokeAsync<LeaseStatus>("Heartbeat", job.Lease with { LeaseId = new string('a', 100_000) }));

        Assert.Contains("lease is missing or malformed", refused.Message, StringComparison.Ordinal);
        await AssertStreamUnchangedAndStillWorkingAsync(before);
    }

    /// <summary>The stored events are what they were; the worker's next real report, and the watcher's push of it, follow on without a gap.</summary>
    private async Task AssertStreamUnchangedAndStillWorkingAsync(IReadOnlyList<JobEvent> before)
    {
        Assert.Equal(before, await admin.GetEventsAsync(job.JobId));
        var line = $"after the attack {Guid.NewGuid():N}";
        Assert.True(await worker.InvokeAsync<bool>("ReportEvents", job.Lease, new List<JobEventData> { JobEventData.Log(line) }));
        var pushed = await watcher.PushedAsync(job.JobId, e => e.Data.Message == line);
        var after = await admin.GetEventsAsync(job.JobId);
        Assert.Equal(Enumerable.Range(1, after.Count).Select(n => (long)n), after.Select(e => e.Sequence));
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(after[^1].Sequence, pushed.Sequence);
    }
}
