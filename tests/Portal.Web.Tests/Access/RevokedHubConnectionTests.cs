using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Training;
using Portal.Data.Tokens;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Access;

/// <summary>
/// Revoking a token stops it at once, also on a hub connection it opened before: the next call is refused, nothing
/// it asked for happens, the connection is closed (so group pushes stop too), and it cannot connect again.
/// </summary>
public sealed class RevokedHubConnectionTests : IAsyncLifetime
{
    private readonly PortalFactory portal = TrainingPortal.WithoutWorker();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private ApiTokenStore Tokens => portal.Services.GetRequiredService<ApiTokenStore>();

    [Fact]
    public async Task ARevokedWorkerTokensOpenConnectionClaimsNothingMore()
    {
        var adminId = (await portal.CreateWriterAsync("token-admin")).Id;
        var token = await Tokens.CreateWorkerTokenAsync(adminId, "gpu box");
        await using var worker = await HubClient.ConnectAsync(portal, token.Secret);
        var closed = ClosedAsync(worker);
        Assert.Null(await worker.InvokeAsync<JobAssignment?>("ClaimJob", "gpu-box"));
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2);

        Assert.True(await Tokens.RevokeWorkerTokenAsync(token.Info.Id));
        var job = await admin.QueueAsync(TinyJob.Settings());
        // Refused, whichever way the client learns it: the refusal itself, or the closed connection's failed poll.
        await Assert.ThrowsAnyAsync<Exception>(() => worker.InvokeAsync<JobAssignment?>("ClaimJob", "gpu-box"));

        Assert.Equal(JobState.Queued, (await admin.GetJobAsync(job.Id)).State);
        await closed.WaitAsync(HangLimit);
        Assert.Equal(HubConnectionState.Disconnected, worker.State);
        await using var again = HubClient.Build(portal, token.Secret);
        var reconnect = await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, reconnect.StatusCode);
    }

    [Fact]
    public async Task ARevokedApiTokensOpenConnectionCanWatchNoMore()
    {
        var writer = await portal.CreateWriterAsync("hub-watcher");
        var token = await Tokens.CreateAsync(writer.Id, "watch script");
        await using var watcher = await HubClient.ConnectAsync(portal, token.Secret);
        var closed = ClosedAsync(watcher);
        await watcher.InvokeAsync("WatchAll");

        Assert.True(await Tokens.RevokeAsync(writer.Id, token.Info.Id));

        await Assert.ThrowsAnyAsync<Exception>(() => watcher.InvokeAsync<List<JobEvent>>("GetEvents", 1L, 0L));
        await closed.WaitAsync(HangLimit);
        Assert.Equal(HubConnectionState.Disconnected, watcher.State);
    }

    // Reaching the end is what is tested, not how fast: the limit only keeps a broken portal from hanging the run.
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(1);

    private static Task ClosedAsync(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }
}
