using System.Net;
using Microsoft.Extensions.Options;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Access;

/// <summary>
/// Portal:PublicOrigin names the address people open the portal at; then only pages from there may use the hubs,
/// whatever host name the request itself arrived under (a proxy that rewrites it, an internal address).
/// </summary>
public sealed class PublicOriginTests
{
    [Fact]
    public async Task WithAPublicOriginOnlyThatOriginMayUseTheHubs()
    {
        await using var portal = new PortalFactory
        {
            Setup = new PortalSetup { Settings = new Dictionary<string, string> { ["Portal:PublicOrigin"] = "https://verses.example.org" } },
        };
        using var client = portal.CreateAdminClient();

        using var fromPublic = await NegotiateAsync(client, "https://verses.example.org");
        using var fromRequestHost = await NegotiateAsync(client, "http://localhost");
        using var fromPlainHttp = await NegotiateAsync(client, "http://verses.example.org");

        Assert.Equal(HttpStatusCode.OK, fromPublic.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromRequestHost.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromPlainHttp.StatusCode);
    }

    [Theory]
    [InlineData("verses.example.org")]
    [InlineData("https://verses.example.org/portal")]
    [InlineData("ftp://verses.example.org")]
    public async Task APublicOriginThatIsNotAnOriginStopsThePortalFromStarting(string setting)
    {
        await using var portal = new PortalFactory
        {
            Setup = new PortalSetup { Settings = new Dictionary<string, string> { ["Portal:PublicOrigin"] = setting } },
        };

        var refused = Assert.ThrowsAny<Exception>(() => portal.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(refused is OptionsValidationException ? refused : refused.InnerException ?? refused);
        Assert.Contains("Portal:PublicOrigin", validation.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> NegotiateAsync(HttpClient client, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/training/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        return client.SendAsync(request);
    }
}
