using System.Net;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

public sealed class NotFoundTests
{
    [Fact]
    public async Task AMissingPageShowsThePortalsNotFoundPageWithStatus404()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("The page you asked for does not exist.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingApiRouteAnswersProblemDetailsNotAPage()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
