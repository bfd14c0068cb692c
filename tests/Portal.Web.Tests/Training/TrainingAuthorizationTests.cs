using System.Net;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Core.Training;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Training;

/// <summary>
/// Writers and admins use the training API and watch jobs; a worker token claims and reports jobs and can do
/// nothing else; anonymous callers get 401 everywhere.
/// </summary>
public sealed class TrainingAuthorizationTests : IAsyncLifetime
{
    private readonly PortalFactory portal = TrainingPortal.WithoutWorker();

    // Ids and bodies chosen so that even an authorised call changes nothing: job 999999 does not exist, {} is refused.
    public static TheoryData<string, string> TrainingEndpoints => new()
    {
        { "GET", "/api/training/jobs" },
        { "POST", "/api/training/jobs" },
        { "GET", "/api/training/jobs/999999" },
        { "DELETE", "/api/training/jobs/999999" },
        { "GET", "/api/training/jobs/999999/events" },
    };

    public static TheoryData<string, string> WorkerEndpoints => new()
    {
        { "GET", "/api/worker/jobs/999999/files/run" },
        { "GET", "/api/worker/jobs/999999/files/run/checkpoint.ckpt" },
        { "PUT", "/api/worker/jobs/999999/files/run/checkpoint.ckpt" },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Theory]
    [MemberData(nameof(TrainingEndpoints))]
    [MemberData(nameof(WorkerEndpoints))]
    public async Task AnonymousCallsAnswer401(string method, string path)
    {
        using var client = portal.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TrainingEndpoints))]
    [InlineData("GET", "/api/verses")]
    [InlineData("POST", "/api/verses/import")]
    public async Task AWorkerTokenIsForbiddenTheWritersApi(string method, string path)
    {
        using var worker = portal.CreateBearerClient(PortalFactory.WorkerToken);

        using var response = await worker.SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(WorkerEndpoints))]
    public async Task AWritersTokenIsForbiddenTheWorkerFiles(string method, string path)
    {
        using var admin = portal.CreateAdminClient();

        using var response = await admin.SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TheHubRefusesAnonymousConnections()
    {
        await using var connection = HubClient.Build(portal, token: null);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task TheHubRefusesAnUnknownToken()
    {
        await using var connection = HubClient.Build(portal, "not-a-token-the-portal-issued");

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task AWorkerTokenCannotWatchJobs()
    {
        await using var worker = await HubClient.ConnectAsync(portal, PortalFactory.WorkerToken);

        var watchAll = await Assert.ThrowsAsync<HubException>(() => worker.InvokeAsync("WatchAll"));
        await Assert.ThrowsAsync<HubException>(() => worker.InvokeAsync("WatchJob", 1L));
        await Assert.ThrowsAsync<HubException>(() => worker.InvokeAsync<List<JobEvent>>("GetEvents", 1L, 0L));

        Assert.Contains("Not allowed", watchAll.Message);
    }

    [Fact]
    public async Task AWritersTokenCannotActAsAWorker()
    {
        var writer = await portal.CreateWriterAsync("hub-writer");
        await using var connection = await HubClient.ConnectAsync(portal, writer.Token);
        var lease = new JobLease(1, "lease");

        var claim = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<JobAssignment?>("ClaimJob", "writer-box"));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<LeaseStatus>("Heartbeat", lease));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<bool>("ReportEvents", lease, new List<JobEventData> { JobEventData.Log("hi") }));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<bool>("CompleteJob", lease, JobOutcome.Failed("no")));

        Assert.Contains("Not allowed", claim.Message);
        // Watching is what a writer's token is for.
        await connection.InvokeAsync("WatchAll");
        Assert.Empty(await connection.InvokeAsync<List<JobEvent>>("GetEvents", 1L, 0L));
    }

    [Fact]
    public async Task AWorkerTokenClaimsThroughTheHub()
    {
        await using var worker = await HubClient.ConnectAsync(portal, PortalFactory.WorkerToken);

        Assert.Null(await worker.InvokeAsync<JobAssignment?>("ClaimJob", "gpu-box"));
    }

    [Fact]
    public async Task TheHubTakesTheTokenFromTheQueryStringButTheApiDoesNot()
    {
        using var client = portal.CreateClient();

        using var hub = await client.PostAsync($"/hubs/training/negotiate?negotiateVersion=1&access_token={PortalFactory.AdminToken}", null);
        using var api = await client.GetAsync($"/api/training/jobs?access_token={PortalFactory.AdminToken}");

        Assert.Equal(HttpStatusCode.OK, hub.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task OnlyTheRequesterOrAnAdminCancelsAJob()
    {
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1);
        var owner = await portal.CreateWriterAsync("job-owner");
        var other = await portal.CreateWriterAsync("job-other");
        using var ownerClient = portal.CreateBearerClient(owner.Token);
        using var otherClient = portal.CreateBearerClient(other.Token);
        var first = await ownerClient.QueueAsync(TinyJob.Settings());
        var second = await ownerClient.QueueAsync(TinyJob.Settings(seed: 2));

        using var byOther = await otherClient.DeleteAsync($"/api/training/jobs/{first.Id}");
        using var byOwner = await ownerClient.DeleteAsync($"/api/training/jobs/{first.Id}");
        using var byAdmin = await admin.DeleteAsync($"/api/training/jobs/{second.Id}");
        using var unknown = await admin.DeleteAsync("/api/training/jobs/999999");

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(JobState.Cancelled, (await admin.GetJobAsync(first.Id)).State);
        Assert.Equal(JobState.Cancelled, (await admin.GetJobAsync(second.Id)).State);
    }

    [Fact]
    public async Task AnUnknownJobAnswers404()
    {
        using var admin = portal.CreateAdminClient();

        using var job = await admin.GetAsync("/api/training/jobs/999999");
        using var events = await admin.GetAsync("/api/training/jobs/999999/events?after=3");

        Assert.Equal(HttpStatusCode.NotFound, job.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, events.StatusCode);
        Assert.Equal("application/problem+json", job.Content.Headers.ContentType?.MediaType);
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "POST" or "PUT" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
    };
}
