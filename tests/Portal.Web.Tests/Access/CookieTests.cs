using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Access;

/// <summary>
/// The sign-in and antiforgery cookies: never readable by scripts, not sent on cross-site requests, and Secure
/// whenever the browser reached the portal over https, directly or through a TLS-terminating proxy it trusts.
/// </summary>
public sealed class CookieTests
{
    [Fact]
    public async Task OverPlainHttpTheCookiesAreHttpOnlyAndSameSiteButNotSecure()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var (antiforgery, signIn) = await CookieCapture.SignInAsync(client);

        Assert.True(signIn.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, signIn.SameSite);
        Assert.True(antiforgery.HttpOnly);
        Assert.Equal(SameSiteMode.Strict, antiforgery.SameSite);
        // A Secure cookie would be dropped over http and nobody could sign in to a portal served without TLS.
        Assert.False(signIn.Secure);
        Assert.False(antiforgery.Secure);
    }

    [Fact]
    public async Task OverHttpsBothCookiesAreSecure()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri("https://localhost"),
        });

        var (antiforgery, signIn) = await CookieCapture.SignInAsync(client);

        Assert.True(signIn.Secure);
        Assert.True(antiforgery.Secure);
        Assert.True(signIn.HttpOnly);
        Assert.True(antiforgery.HttpOnly);
    }

    [Fact]
    public async Task BehindATrustedTlsProxyBothCookiesAreSecure()
    {
        using var data = new TempDirectory();
        // As render.yaml starts it: ASP.NET Core's own switch to trust X-Forwarded-Proto from the proxy.
        await using var portal = await PortalProcess.StartAsync(data.Path, new Dictionary<string, string>
        {
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
        });
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var (antiforgery, signIn) = await CookieCapture.SignInAsync(client);

        Assert.True(signIn.Secure);
        Assert.True(antiforgery.Secure);
    }

    [Fact]
    public async Task AForwardedProtoHeaderIsIgnoredUnlessForwardedHeadersAreTrusted()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var (antiforgery, signIn) = await CookieCapture.SignInAsync(client);

        Assert.False(signIn.Secure);
        Assert.False(antiforgery.Secure);
    }
}
