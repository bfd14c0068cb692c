using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Access;
using Portal.Data.Entities;
using Portal.Data.Invitations;
using Portal.Web.Auth;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Access;

/// <summary>
/// The portal's form posts (sign-in, first set-up, invitation, sign-out) need the token of the form the portal served
/// to this browser: a post forged by another site, or carrying another browser's token, is refused with 400 and
/// changes nothing. Each test also posts the real form, so that the refusal is the token's doing.
/// </summary>
public sealed class AntiforgeryTests
{
    [Fact]
    public async Task SignInWithoutTheFormsTokenIsRefusedAndSignsNobodyIn()
    {
        await using var portal = new PortalFactory();
        using var browser = BrowserSession.Anonymous(portal);
        var token = await FormPost.ReadTokenAsync(browser, "/account/login");
        var fields = BrowserSession.LoginFields(PortalFactory.AdminUser, PortalFactory.AdminPassword, token);

        using var forged = await FormPost.SendAsync(browser, "/account/login", fields.Where(f => f.Key != FormPost.TokenField));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(forged.Headers.Contains("Set-Cookie") && forged.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(CookieCapture.SignInCookie + "=", StringComparison.Ordinal)));
        await AssertSignedOutAsync(browser);
        using var real = await FormPost.SendAsync(browser, "/account/login", fields);
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        await AssertSignedInAsync(browser);
    }

    [Fact]
    public async Task SignInWithAnotherBrowsersTokenIsRefused()
    {
        await using var portal = new PortalFactory();
        using var attacker = BrowserSession.Anonymous(portal);
        using var victim = BrowserSession.Anonymous(portal);
        var attackersToken = await FormPost.ReadTokenAsync(attacker, "/account/login");
        await FormPost.ReadTokenAsync(victim, "/account/login");

        using var forged = await FormPost.SendAsync(victim, "/account/login",
            BrowserSession.LoginFields(PortalFactory.AdminUser, PortalFactory.AdminPassword, attackersToken));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await AssertSignedOutAsync(victim);
    }

    [Fact]
    public async Task SignOutWithoutTheFormsTokenIsRefusedAndTheSessionGoesOn()
    {
        await using var portal = new PortalFactory();
        using var browser = await BrowserSession.SignInAsync(portal, PortalFactory.AdminUser, PortalFactory.AdminPassword);

        using var forged = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await AssertSignedInAsync(browser);
        var token = await FormPost.ReadTokenAsync(browser, "/account/login");
        using var real = await FormPost.SendAsync(browser, "/account/logout", new Dictionary<string, string> { [FormPost.TokenField] = token });
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        await AssertSignedOutAsync(browser);
    }

    [Fact]
    public async Task SetUpWithoutTheFormsTokenIsRefusedAndCreatesNoAdmin()
    {
        await using var portal = new PortalFactory { Setup = new PortalSetup { WithAdmin = false } };
        using var browser = BrowserSession.Anonymous(portal);
        var token = await FormPost.ReadTokenAsync(browser, "/setup");
        var fields = NewAccountFields("setup", "first-admin", token);

        using var forged = await FormPost.SendAsync(browser, "/setup", fields.Where(f => f.Key != FormPost.TokenField));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(portal.Services.GetRequiredService<SetupState>().AdminExists);
        Assert.Null(await FindUserAsync(portal, "first-admin"));
        using var real = await FormPost.SendAsync(browser, "/setup", fields);
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.True(portal.Services.GetRequiredService<SetupState>().AdminExists);
    }

    [Fact]
    public async Task AcceptingAnInvitationWithoutTheFormsTokenIsRefusedAndCreatesNoAccount()
    {
        await using var portal = new PortalFactory();
        var admin = await FindUserAsync(portal, PortalFactory.AdminUser);
        var invitations = portal.Services.GetRequiredService<InvitationStore>();
        var invitation = await invitations.CreateAsync(admin!.Id, Roles.Writer, "antiforgery test");
        var path = $"/account/invite/{invitation.Code}";
        using var browser = BrowserSession.Anonymous(portal);
        var token = await FormPost.ReadTokenAsync(browser, path);
        var fields = NewAccountFields("invite", "invited-writer", token);

        using var forged = await FormPost.SendAsync(browser, path, fields.Where(f => f.Key != FormPost.TokenField));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(await FindUserAsync(portal, "invited-writer"));
        Assert.NotNull(await invitations.FindOpenAsync(invitation.Code));
        using var real = await FormPost.SendAsync(browser, path, fields);
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.NotNull(await FindUserAsync(portal, "invited-writer"));
    }

    private static Dictionary<string, string> NewAccountFields(string form, string userName, string token) => new()
    {
        ["_handler"] = form,
        ["Input.UserName"] = userName,
        ["Input.Password"] = "a long enough password",
        ["Input.ConfirmPassword"] = "a long enough password",
        [FormPost.TokenField] = token,
    };

    private static async Task<PortalUser?> FindUserAsync(PortalFactory portal, string userName)
    {
        using var scope = portal.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByNameAsync(userName);
    }

    private static async Task AssertSignedInAsync(HttpClient browser)
    {
        using var page = await browser.GetAsync("/verses");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static async Task AssertSignedOutAsync(HttpClient browser)
    {
        using var page = await browser.GetAsync("/verses");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(Expected.SignIn, new Uri(new Uri("http://localhost"), page.Headers.Location!).AbsolutePath);
    }
}
