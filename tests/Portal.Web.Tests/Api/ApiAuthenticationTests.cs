using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Portal.Data.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

/// <summary>Every /api endpoint needs a valid token, and answers 401 (never a redirect to the sign-in page) without one.</summary>
public sealed class ApiAuthenticationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    // Ids and bodies chosen so that even an authorised call changes nothing: 999999 does not exist, {} is invalid.
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/verses" },
        { "POST", "/api/verses" },
        { "GET", "/api/verses/999999" },
        { "PUT", "/api/verses/999999" },
        { "DELETE", "/api/verses/999999" },
        { "POST", "/api/verses/import" },
        { "GET", "/api/verses/export?format=json" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EveryApiEndpointAnswers401WithoutCredentials(string method, string path)
    {
        using var client = portal.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EveryApiEndpointAnswers401ForAnUnknownToken(string method, string path)
    {
        using var client = portal.CreateClient(new() { AllowAutoRedirect = false });
        var request = Request(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token-the-portal-issued");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EveryApiEndpointLetsAValidTokenThrough(string method, string path)
    {
        using var client = portal.CreateAdminClient();

        using var response = await client.SendAsync(Request(method, path));

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ARevokedTokenAnswers401()
    {
        var writer = await portal.CreateWriterAsync($"revoked-{Guid.NewGuid():N}"[..20]);
        using var client = portal.CreateBearerClient(writer.Token);
        using (var before = await client.GetAsync("/api/verses"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var tokens = portal.Services.GetRequiredService<ApiTokenStore>();
        var token = Assert.Single(await tokens.ListAsync(writer.Id));

        Assert.True(await tokens.RevokeAsync(writer.Id, token.Id));
        using var after = await client.GetAsync("/api/verses");

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "POST" or "PUT" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
    };
}
