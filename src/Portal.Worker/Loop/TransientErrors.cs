using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR;

namespace Portal.Worker.Loop;

/// <summary>Failures of a call to the portal that a later try may not see: the network, the portal restarting, a timeout.</summary>
internal static class TransientErrors
{
    public static bool IsTransient(Exception exception, CancellationToken token) => exception switch
    {
        HttpRequestException or HubException or IOException or TimeoutException or WebSocketException => true,
        // HttpClient's own timeout surfaces as a cancellation nobody asked for.
        OperationCanceledException => !token.IsCancellationRequested,
        _ => false,
    };
}
