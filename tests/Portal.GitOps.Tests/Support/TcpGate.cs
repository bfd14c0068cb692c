using System.Net;
using System.Net.Sockets;

namespace Portal.GitOps.Tests.Support;

/// <summary>How the deploy remote behind a <see cref="TcpGate"/> looks to the portal.</summary>
internal enum GateMode
{
    /// <summary>Every connection reaches the real git server.</summary>
    Open,

    /// <summary>Nothing listens on the port: connections are refused, as with a server that is down.</summary>
    Down,

    /// <summary>Connections are accepted and then never answered, as with a remote that hangs.</summary>
    Stalled,
}

/// <summary>
/// A loopback port in front of the git HTTP server whose behaviour a test switches: open, down or stalled. The portal's
/// remote URL points here, so the same remote can go away and come back while the portal runs.
/// </summary>
internal sealed class TcpGate : IDisposable
{
    private readonly int target;
    private readonly object turn = new();
    private readonly List<TcpClient> connections = [];
    private TcpListener? listener;
    private GateMode mode;
    private int stalled;

    public TcpGate(int targetPort, GateMode initial)
    {
        target = targetPort;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        Set(initial);
    }

    public int Port { get; }

    /// <summary>Connections accepted while stalled: a stalled push has begun once this is above zero.</summary>
    public int StalledConnections => Volatile.Read(ref stalled);

    /// <summary>Switches the mode; connections that are open stay as they are, except stalled ones, which are cut.</summary>
    public void Set(GateMode next)
    {
        lock (turn)
        {
            mode = next;
            if (next == GateMode.Down)
            {
                listener?.Stop();
                listener = null;
                CloseAll();
                return;
            }
            if (listener is null)
            {
                listener = new TcpListener(IPAddress.Loopback, Port);
                listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                listener.Start();
                _ = AcceptAsync(listener);
            }
        }
    }

    public void Dispose()
    {
        lock (turn)
        {
            listener?.Stop();
            listener = null;
            CloseAll();
        }
    }

    private async Task AcceptAsync(TcpListener accepting)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await accepting.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            GateMode now;
            lock (turn)
            {
                now = mode;
                connections.Add(client);
            }
            if (now == GateMode.Stalled)
            {
                Interlocked.Increment(ref stalled);
                _ = DrainAsync(client);
            }
            else
            {
                _ = ForwardAsync(client);
            }
        }
    }

    /// <summary>Reads what the client sends and answers nothing.</summary>
    private static async Task DrainAsync(TcpClient client)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var stream = client.GetStream();
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, target);
            var upstream = client.GetStream();
            var downstream = server.GetStream();
            // Either side closing ends the exchange; git's smart HTTP sends each request on a connection of its own or keeps it alive, both work.
            await Task.WhenAny(upstream.CopyToAsync(downstream), downstream.CopyToAsync(upstream));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
        finally
        {
            lock (turn)
                connections.Remove(client);
            client.Dispose();
        }
    }

    private void CloseAll()
    {
        foreach (var connection in connections)
            connection.Dispose();
        connections.Clear();
    }
}
