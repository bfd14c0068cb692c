using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Core.Training;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Access;

/// <summary>
/// A worker token belongs to a worker process. Presented by a browser (which always names the page's Origin or the
/// kind of fetch, Sec-Fetch-Site, and cannot leave either out) it is refused, even by the portal's own origin.
/// </summary>
public sealed class WorkerTokenFromBrowserTests : IAsyncLifetime
{
    private readonly PortalFactory portal = TrainingPortal.WithoutWorker();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Theory]
    [InlineData("Origin", "http://localhost")]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    public async Task AWorkerTokenSentByABrowserCannotOpenTheHub(string header, string value)
    {
        await using var fromBrowser = new HubConnectionBuilder()
            .WithUrl(new Uri(portal.Server.BaseAddress, "hubs/training"), options =>
            {
                options.HttpMessageHandlerFactory = _ => portal.Server.CreateHandler();
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                options.AccessTokenProvider = () => Task.FromResult<string?>(PortalFactory.WorkerToken);
                options.Headers[header] = value;
            })
            .Build();
        await using var fromWorker = await HubClient.ConnectAsync(portal, PortalFactory.WorkerToken);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => fromBrowser.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Null(await fromWorker.InvokeAsync<JobAssignment?>("ClaimJob", "real-worker"));
    }

    [Theory]
    [InlineData("Origin", "http://localhost")]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    public async Task AWorkerTokenSentByABrowserCannotReachTheWorkerFiles(string header, string value)
    {
        using var worker = portal.CreateBearerClient(PortalFactory.WorkerToken);
        var fromBrowser = new HttpRequestMessage(HttpMethod.Get, "/api/worker/jobs/1/files/run");
        fromBrowser.Headers.Add(header, value);

        using var refused = await worker.SendAsync(fromBrowser);
        using var asWorker = await worker.GetAsync("/api/worker/jobs/1/files/run");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        // Without the browser's header the same token passes the access check (and is then asked for its lease).
        Assert.Equal(HttpStatusCode.Conflict, asWorker.StatusCode);
    }

    [Fact]
    public async Task AWritersTokenStillWorksFromTheirOwnPage()
    {
        var writer = await portal.CreateWriterAsync("page-writer");
        using var client = portal.CreateBearerClient(writer.Token);
        var fromPage = new HttpRequestMessage(HttpMethod.Get, "/api/verses");
        fromPage.Headers.Add("Origin", "http://localhost");

        using var response = await client.SendAsync(fromPage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
