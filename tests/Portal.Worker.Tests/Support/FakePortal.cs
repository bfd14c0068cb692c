using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Training;
using Portal.Worker.Remote;

namespace Portal.Worker.Tests.Support;

/// <summary>
/// The portal as a remote worker sees it, on a real Kestrel at 127.0.0.1: the training hub and the file endpoints,
/// with the worker token and the lease header checked as the portal checks them. State is kept in memory.
/// </summary>
internal sealed class FakePortal : IAsyncDisposable
{
    public const string Token = "worker-token-7f3a9c";

    private readonly WebApplication _app;

    private FakePortal(WebApplication app, PortalState state)
    {
        _app = app;
        State = state;
    }

    public PortalState State { get; }

    public Uri Address => new(_app.Urls.First());

    public static async Task<FakePortal> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR();
        var state = new PortalState();
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        var portal = new FakePortal(app, state);

        app.Use(async (context, next) =>
        {
            var bearer = context.Request.Headers.Authorization.ToString();
            var query = context.Request.Query["access_token"].ToString();
            if (bearer != $"Bearer {Token}" && query != Token)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            await next(context);
        });
        app.MapHub<TrainingHub>("/" + WorkerProtocol.HubPath);

        var files = app.MapGroup("/api/worker/jobs/{jobId:long}/files/{area}");
        files.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var lease = http.Request.Headers[WorkerProtocol.LeaseHeader].ToString();
            return lease == state.CurrentLease ? await next(context) : Results.StatusCode(StatusCodes.Status409Conflict);
        });
        files.MapGet("", (long jobId, string area) =>
            state.Files.TryGetValue(area, out var listed) && !listed.IsEmpty
                ? Results.Json(listed.Select(f => new JobFileEntry(f.Key, f.Value.Length, Convert.ToHexStringLower(SHA256.HashData(f.Value)))).ToList())
                : Results.NotFound());
        files.MapGet("/{name}", (long jobId, string area, string name) =>
        {
            if (!state.Files.TryGetValue(area, out var folder) || !folder.TryGetValue(name, out var bytes))
                return Results.NotFound();
            state.Downloads.Enqueue($"{area}/{name}");
            // A transfer damaged on the way: the listing still names the right hash.
            return Results.Bytes(state.Damaged.Contains($"{area}/{name}") ? [.. bytes.Reverse()] : bytes, "application/octet-stream");
        });
        files.MapPut("/{name}", async (long jobId, string area, string name, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            state.Files.GetOrAdd(area, _ => new())[name] = body.ToArray();
            state.Uploads.Enqueue($"{area}/{name}");
            return Results.NoContent();
        });

        await app.StartAsync();
        return portal;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed class PortalState
    {
        public string CurrentLease { get; set; } = "lease-1";
        public ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>> Files { get; } = new();
        public HashSet<string> Damaged { get; } = [];
        public ConcurrentQueue<string> Downloads { get; } = new();
        public ConcurrentQueue<string> Uploads { get; } = new();
        public ConcurrentQueue<JobAssignment> Queue { get; } = new();
        public ConcurrentQueue<string> Claims { get; } = new();
        public LeaseStatus HeartbeatAnswer { get; set; } = LeaseStatus.Active;
        public ConcurrentQueue<JobLease> Heartbeats { get; } = new();
        public ConcurrentQueue<JobEventData> Events { get; } = new();
        public JobOutcome? Outcome { get; set; }

        /// <summary>Completes when a claim finds nothing queued: the worker is through with every job.</summary>
        public TaskCompletionSource Idle { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The uploads that had arrived when CompleteJob was called.</summary>
        public IReadOnlyList<string> UploadsAtCompletion { get; set; } = [];

        public void Put(string area, string name, byte[] bytes) => Files.GetOrAdd(area, _ => new())[name] = bytes;
    }

    /// <summary>Same method names and shapes as the portal's hub.</summary>
    private sealed class TrainingHub(PortalState state) : Hub
    {
        public JobAssignment? ClaimJob(string workerId)
        {
            state.Claims.Enqueue(workerId);
            if (state.Queue.TryDequeue(out var job))
                return job;
            state.Idle.TrySetResult();
            return null;
        }

        public LeaseStatus Heartbeat(JobLease lease)
        {
            state.Heartbeats.Enqueue(lease);
            return lease.LeaseId == state.CurrentLease ? state.HeartbeatAnswer : LeaseStatus.Lost;
        }

        public bool ReportEvents(JobLease lease, List<JobEventData> events)
        {
            if (lease.LeaseId != state.CurrentLease)
                return false;
            foreach (var e in events)
                state.Events.Enqueue(e);
            return true;
        }

        public bool CompleteJob(JobLease lease, JobOutcome outcome)
        {
            if (lease.LeaseId != state.CurrentLease)
                return false;
            state.UploadsAtCompletion = state.Uploads.ToList();
            state.Outcome = outcome;
            return true;
        }
    }
}
