using System.Net;
using System.Net.Sockets;

namespace Portal.GitOps.Tests.Support;

/// <summary>
/// A remote that accepts every connection and never says a word: what a hung server or a proxy that lost its backend
/// looks like from the client. Holds the connections until disposed, then closes them and stops listening.
/// </summary>
internal sealed class SilentServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> held = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public SilentServer()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/deploy.git";

    public int Accepted
    {
        get
        {
            lock (held)
                return held.Count;
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                lock (held)
                    held.Add(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        accepting.GetAwaiter().GetResult();
        listener.Stop();
        lock (held)
        {
            foreach (var client in held)
                client.Dispose();
        }
        stop.Dispose();
    }
}
