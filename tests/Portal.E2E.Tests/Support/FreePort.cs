using System.Net;
using System.Net.Sockets;

namespace Portal.E2E.Tests.Support;

public static class FreePort
{
    /// <summary>
    /// A loopback port nobody listens on right now, for a process that must be told its address before it starts
    /// (the portal is configured with the serving app's URL before either runs).
    /// </summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
