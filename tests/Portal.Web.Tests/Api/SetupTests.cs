using System.Net;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

/// <summary>A portal started without PORTAL_ADMIN_* waits for its admin on /setup.</summary>
public sealed class SetupTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/verses")]
    [InlineData("/account/login")]
    public async Task PagesRedirectToSetupUntilAnAdminExists(string path)
    {
        await using var portal = new PortalFactory { Setup = new PortalSetup { WithAdmin = false } };
        using var client = portal.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/setup", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TheApiAnswers503UntilAnAdminExists()
    {
        await using var portal = new PortalFactory { Setup = new PortalSetup { WithAdmin = false } };
        using var client = portal.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/api/verses");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("not set up", (await response.ReadProblemAsync()).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHealthCheckAnswersBeforeSetup()
    {
        await using var portal = new PortalFactory { Setup = new PortalSetup { WithAdmin = false } };
        using var client = portal.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
