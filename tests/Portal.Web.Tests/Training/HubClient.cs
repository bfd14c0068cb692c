using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Training;

/// <summary>A real SignalR client on the test server (long polling: the test server has no WebSockets).</summary>
internal static class HubClient
{
    public static HubConnection Build(PortalFactory portal, string? token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(portal.Server.BaseAddress, "hubs/training"), options =>
            {
                options.HttpMessageHandlerFactory = _ => portal.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.AccessTokenProvider = () => Task.FromResult(token);
            })
            .Build();

    public static async Task<HubConnection> ConnectAsync(PortalFactory portal, string? token)
    {
        var connection = Build(portal, token);
        try
        {
            await connection.StartAsync();
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return connection;
    }
}
