using System.Net;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

public sealed class HealthTests
{
    [Fact]
    public async Task HealthCheckAnswersWithoutCredentials()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"ok\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(portal.DataDirectory, "portal.db")), "The portal should keep its database in the test's data directory.");
    }
}
