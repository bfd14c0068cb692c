using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Core.Training;
using Portal.Web.Api;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Training;

/// <summary>
/// A worker on another machine, played by the test: it claims through the hub with a worker token, moves files
/// through /api/worker under its lease, reports and completes. The portal's own worker is off.
/// </summary>
public sealed class RemoteWorkerTests : IAsyncLifetime
{
    private const string LeaseHeader = "X-Job-Lease";
    private readonly PortalFactory portal = TrainingPortal.WithoutWorker(new Dictionary<string, string> { ["Portal:Training:MaxUploadBytes"] = "4096" });
    private HubConnection worker = null!;
    private HttpClient files = null!;
    private HttpClient admin = null!;

    public async Task InitializeAsync()
    {
        admin = portal.CreateAdminClient();
        files = portal.CreateBearerClient(PortalFactory.WorkerToken);
        worker = await HubClient.ConnectAsync(portal, PortalFactory.WorkerToken);
        await admin.AddVersesAsync(1, 2, 3);
    }

    public async Task DisposeAsync()
    {
        await worker.DisposeAsync();
        files.Dispose();
        admin.Dispose();
        await portal.DisposeAsync();
    }

    [Fact]
    public async Task AWorkerClaimsReportsUploadsTheCandidateAndCompletes()
    {
        var queued = await admin.QueueAsync(TinyJob.Settings());
        await using var watcher = await HubWatcher.StartAsync(portal, PortalFactory.AdminToken);
        await watcher.Connection.InvokeAsync("WatchJob", queued.Id);

        var job = await ClaimAsync();
        Assert.Equal(queued.Id, job.JobId);
        Assert.Equal(1, job.Attempt);
        Assert.Equal(3, job.Verses.Count);
        Assert.Equal(TinyJob.Settings(), job.Settings);
        Assert.Equal(LeaseStatus.Active, await worker.InvokeAsync<LeaseStatus>("Heartbeat", job.Lease));
        Assert.True(await worker.InvokeAsync<bool>("ReportEvents", job.Lease, new List<JobEventData> { JobEventData.Log("hello from the GPU box") }));
        var log = await watcher.PushedAsync(queued.Id, e => e.Data.Message == "hello from the GPU box");

        foreach (var name in new[] { "config.json", "model.safetensors" })
            Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(job.Lease, "candidate", name, [7, 7, 7])).StatusCode);
        var completed = await worker.InvokeAsync<bool>("CompleteJob", job.Lease, JobOutcome.Succeeded(new JobMetrics { Steps = 30, MaxSteps = 30 }));

        var finished = await admin.GetJobAsync(queued.Id);
        Assert.True(completed);
        Assert.Equal(JobEventKind.Log, log.Data.Kind);
        Assert.Equal(JobState.Succeeded, finished.State);
        Assert.Equal($"models/job-{queued.Id}", finished.CandidatePath);
        Assert.Equal(new byte[] { 7, 7, 7 }, await File.ReadAllBytesAsync(Path.Combine(portal.DataDirectory, "models", $"job-{queued.Id}", "model.safetensors")));
        Assert.Equal(LeaseStatus.Lost, await worker.InvokeAsync<LeaseStatus>("Heartbeat", job.Lease));
    }

    [Fact]
    public async Task ASuccessWithoutTheCandidateFailsTheJobAndSaysWhatIsMissing()
    {
        var queued = await admin.QueueAsync(TinyJob.Settings());
        var job = await ClaimAsync();
        await PutAsync(job.Lease, "candidate", "config.json", [1]);

        var completed = await worker.InvokeAsync<bool>("CompleteJob", job.Lease, JobOutcome.Succeeded(new JobMetrics()));

        var finished = await admin.GetJobAsync(queued.Id);
        Assert.False(completed);
        Assert.Equal(JobState.Failed, finished.State);
        Assert.Contains("model.safetensors is missing", finished.FailureReason);
        Assert.Null(finished.CandidatePath);
    }

    [Fact]
    public async Task CheckpointsGoUpAndComeBackDownWithTheirHashes()
    {
        await admin.QueueAsync(TinyJob.Settings());
        var job = await ClaimAsync();
        byte[] checkpoint = [1, 2, 3, 4, 5];

        using var put = await PutAsync(job.Lease, "run", "checkpoint.ckpt", checkpoint);
        using var replaced = await PutAsync(job.Lease, "run", "checkpoint.ckpt", [.. checkpoint, 6]);
        var listing = await GetListingAsync(job.Lease, "run");
        using var download = await SendAsync(HttpMethod.Get, job.Lease, "run", "checkpoint.ckpt");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, replaced.StatusCode);
        var file = Assert.Single(listing);
        Assert.Equal(new WorkerFileResponse("checkpoint.ckpt", 6, Convert.ToHexStringLower(SHA256.HashData([.. checkpoint, 6]))), file);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, await download.Content.ReadAsByteArrayAsync());
        // Nothing but the file itself is left in the folder: the upload went through a temporary file and a rename.
        Assert.Equal(new[] { "checkpoint.ckpt" }, Directory.GetFiles(Path.Combine(portal.DataDirectory, "runs", $"job-{job.JobId}")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task FileCallsUnderAStaleOrMissingLeaseAnswer409()
    {
        await admin.QueueAsync(TinyJob.Settings());
        var job = await ClaimAsync();
        var stale = job.Lease with { LeaseId = "not-the-lease" };

        using var list = await SendAsync(HttpMethod.Get, stale, "run");
        using var put = await PutAsync(stale, "run", "checkpoint.ckpt", [1]);
        using var otherJob = await SendAsync(HttpMethod.Get, job.Lease with { JobId = job.JobId + 1000 }, "run");
        using var noHeader = await files.GetAsync($"/api/worker/jobs/{job.JobId}/files/run");

        Assert.Equal(HttpStatusCode.Conflict, list.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, otherJob.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, noHeader.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(portal.DataDirectory, "runs", $"job-{job.JobId}")));
    }

    [Theory]
    [InlineData("..%2Fportal.db")]
    [InlineData("..%5Cportal.db")]
    [InlineData("a%2Fb")]
    [InlineData("a%5Cb")]
    [InlineData(".hidden")]
    [InlineData("a..b")]
    [InlineData("line%0Abreak")]
    [InlineData("tab%09name")]
    [InlineData("c:evil")]
    public async Task UnsafeFileNamesAnswer400(string name)
    {
        await admin.QueueAsync(TinyJob.Settings());
        var job = await ClaimAsync();

        using var put = await files.SendAsync(Request(HttpMethod.Put, job.Lease, $"/api/worker/jobs/{job.JobId}/files/run/{name}", [1]));
        using var get = await files.SendAsync(Request(HttpMethod.Get, job.Lease, $"/api/worker/jobs/{job.JobId}/files/run/{name}"));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.True(File.Exists(Path.Combine(portal.DataDirectory, "portal.db")));
    }

    [Fact]
    public async Task ALongNameOrAnUnknownAreaAnswers400()
    {
        await admin.QueueAsync(TinyJob.Settings());
        var job = await ClaimAsync();

        using var longName = await PutAsync(job.Lease, "run", new string('a', 101), [1]);
        using var readCandidate = await SendAsync(HttpMethod.Get, job.Lease, "candidate");
        using var writeStart = await PutAsync(job.Lease, "start", "config.json", [1]);
        using var justLongEnough = await PutAsync(job.Lease, "run", new string('a', 100), [1]);

        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, readCandidate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, writeStart.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, justLongEnough.StatusCode);
    }

    [Fact]
    public async Task AnUploadOverTheLimitAnswers413AndLeavesNothing()
    {
        await admin.QueueAsync(TinyJob.Settings());
        var job = await ClaimAsync();

        using var tooLarge = await PutAsync(job.Lease, "run", "checkpoint.ckpt", new byte[4097]);
        using var streamed = await files.SendAsync(Request(HttpMethod.Put, job.Lease, $"/api/worker/jobs/{job.JobId}/files/run/best.ckpt",
            content: new StreamContent(new MemoryStream(new byte[5000]))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        var run = Path.Combine(portal.DataDirectory, "runs", $"job-{job.JobId}");
        Assert.Empty(Directory.Exists(run) ? Directory.GetFiles(run) : []);
    }

    [Fact]
    public async Task AJobWithoutAPreviousModelHasNoStartOrPreviousFiles()
    {
        await admin.QueueAsync(TinyJob.Settings());
        var job = await ClaimAsync();

        using var start = await SendAsync(HttpMethod.Get, job.Lease, "start");
        using var previous = await SendAsync(HttpMethod.Get, job.Lease, "previous");
        using var run = await SendAsync(HttpMethod.Get, job.Lease, "run");

        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, previous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, run.StatusCode);
    }

    [Fact]
    public async Task AWorkerReportsNoStateChangesAndCannotUseThePortalsWorkerId()
    {
        await admin.QueueAsync(TinyJob.Settings());
        var job = await ClaimAsync();

        await Assert.ThrowsAsync<HubException>(() => worker.InvokeAsync<bool>("ReportEvents", job.Lease,
            new List<JobEventData> { JobEventData.StateChanged(JobState.Succeeded) }));
        await Assert.ThrowsAsync<HubException>(() => worker.InvokeAsync<JobAssignment?>("ClaimJob", "portal"));
        Assert.False(await worker.InvokeAsync<bool>("ReportEvents", job.Lease with { LeaseId = "stale" },
            new List<JobEventData> { JobEventData.Log("late") }));
    }

    private async Task<JobAssignment> ClaimAsync() =>
        await worker.InvokeAsync<JobAssignment?>("ClaimJob", "gpu-box") ?? throw new InvalidOperationException("Nothing to claim.");

    private async Task<IReadOnlyList<WorkerFileResponse>> GetListingAsync(JobLease lease, string area)
    {
        using var response = await SendAsync(HttpMethod.Get, lease, area);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<WorkerFileResponse>>())!;
    }

    private Task<HttpResponseMessage> PutAsync(JobLease lease, string area, string name, byte[] body) =>
        files.SendAsync(Request(HttpMethod.Put, lease, $"/api/worker/jobs/{lease.JobId}/files/{area}/{name}", body));

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, JobLease lease, string area, string? name = null) =>
        files.SendAsync(Request(method, lease, $"/api/worker/jobs/{lease.JobId}/files/{area}" + (name is null ? "" : $"/{name}")));

    private static HttpRequestMessage Request(HttpMethod method, JobLease lease, string path, byte[]? body = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content ?? (body is null ? null : new ByteArrayContent(body)) };
        request.Headers.Add(LeaseHeader, lease.LeaseId);
        return request;
    }
}
