using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Access;

/// <summary>
/// The training hub and Blazor's circuit hub answer the portal's own pages, and processes that are not browsers (no
/// Origin header), and refuse a page of another site: its negotiate and its WebSocket handshake get 403. Against the
/// portal as its own process, so that the WebSocket upgrade is Kestrel's.
/// </summary>
public sealed class HubOriginTests(PortalOwnProcess own) : IClassFixture<PortalOwnProcess>
{
    private const string Foreign = "http://evil.example";

    public static TheoryData<string, bool> Hubs => new()
    {
        { "/hubs/training", true },
        { "/_blazor", false },
    };

    private PortalProcess Portal => own.Process;

    private string OwnOrigin => Portal.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Theory]
    [MemberData(nameof(Hubs))]
    public async Task ANegotiateFromAnotherSiteIsRefused(string hub, bool withToken)
    {
        using var refused = await NegotiateAsync(hub, withToken, Foreign);
        using var own = await NegotiateAsync(hub, withToken, OwnOrigin);
        using var script = await NegotiateAsync(hub, withToken, origin: null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Hubs))]
    public async Task AWebSocketFromAnotherSiteIsRefused(string hub, bool withToken)
    {
        var refused = await OpenWebSocketAsync(hub, withToken, Foreign);
        var own = await OpenWebSocketAsync(hub, withToken, OwnOrigin);
        var script = await OpenWebSocketAsync(hub, withToken, origin: null);

        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, own);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, script);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("https://127.0.0.1")]
    [InlineData("http://127.0.0.1.evil.example")]
    public async Task AnOriginThatIsNotExactlyThePortalsIsRefused(string origin)
    {
        using var response = await NegotiateAsync("/hubs/training", withToken: true, origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<HttpResponseMessage> NegotiateAsync(string hub, bool withToken, string? origin)
    {
        using var client = Portal.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"{hub}/negotiate?negotiateVersion=1");
        if (withToken)
            request.Headers.Authorization = new("Bearer", PortalFactory.AdminToken);
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }

    /// <summary>Negotiates as a script would, then opens the WebSocket with the given Origin; the handshake's status.</summary>
    private async Task<HttpStatusCode> OpenWebSocketAsync(string hub, bool withToken, string? origin)
    {
        using var negotiate = await NegotiateAsync(hub, withToken, origin: null);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        using var body = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("connectionToken").GetString();

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (withToken)
            socket.Options.SetRequestHeader("Authorization", $"Bearer {PortalFactory.AdminToken}");
        if (origin is not null)
            socket.Options.SetRequestHeader("Origin", origin);
        var uri = new UriBuilder(new Uri(Portal.BaseAddress, $"{hub}?id={id}")) { Scheme = "ws" }.Uri;
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The refused handshake; its status is in HttpStatusCode.
        }
        return socket.HttpStatusCode;
    }
}
