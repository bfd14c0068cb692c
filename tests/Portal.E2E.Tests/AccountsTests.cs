using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.E2E.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Tests;

/// <summary>
/// Accounts in a real browser on a portal started without PORTAL_ADMIN_USER: the first visitor creates the admin on
/// /setup, the admin invites a writer by link, the writer (another browser, no shared cookies) joins, uses and
/// revokes an API token, and signs out.
/// </summary>
public sealed class AccountsTests(FirstRunPortalServer portal) : IClassFixture<FirstRunPortalServer>
{
    private const int SampleVerses = 8;
    private const string AdminUser = "first-admin";
    private const string AdminPassword = "setup-Password-123";
    private const string WriterUser = "mara.writes";
    private const string WriterPassword = "writer-Password-456";

    static AccountsTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task AdminSetsUpInvitesAWriterWhoUsesAnApiTokenAndSignsOut()
    {
        await using var browser = await BrowserRun.StartAsync(portal.BaseAddress);
        await browser.RunAsync(nameof(AdminSetsUpInvitesAWriterWhoUsesAnApiTokenAndSignsOut), async admin =>
        {
            await SetUpAdminAsync(admin);
            var link = await CreateInvitationAsync(admin);

            var writer = await browser.NewVisitorAsync();
            await SetupIsClosedAsync(writer);
            await AcceptInvitationAsync(writer, link);
            await InvitationWorksOnceAsync(admin, link);
            await WriterIsNotAdminAsync(writer);
            await UseAndRevokeApiTokenAsync(writer);
            await SignOutAsync(writer);
        });
        Assert.Empty(browser.BlockedRequests);
    }

    private static async Task SetUpAdminAsync(IPage page)
    {
        // A new portal has no accounts: every page leads to the one-time set-up page.
        await page.GotoAsync("");
        await Expect(page).ToHaveURLAsync(new Regex("/setup$"));
        await page.GotoAsync("verses");
        await Expect(page).ToHaveURLAsync(new Regex("/setup$"));

        await page.Locator("#username").FillAsync(AdminUser);
        await page.Locator("#password").FillAsync(AdminPassword);
        await page.Locator("#confirm").FillAsync(AdminPassword + "-typo");
        await page.Locator("#create-admin").ClickAsync();
        await Expect(page.GetByText("The two passwords differ.", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/setup$"));
        // The refused form comes back with the user name kept and the passwords not echoed into the page.
        await Expect(page.Locator("#username")).ToHaveValueAsync(AdminUser);
        await Expect(page.Locator("#password")).ToHaveValueAsync("");
        await Expect(page.Locator("#confirm")).ToHaveValueAsync("");

        // Correct the typo and send the form again.
        await page.Locator("#username").FillAsync(AdminUser);
        await page.Locator("#password").FillAsync(AdminPassword);
        await page.Locator("#confirm").FillAsync(AdminPassword);
        await page.Locator("#create-admin").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/verses$"));
        await Expect(AppBar(page)).ToContainTextAsync(AdminUser);
        await WaitForCircuitAsync(page);
        // The sample verses belong to the admin, who may delete every one of them.
        await Expect(Rows(page).Locator(".delete-verse")).ToHaveCountAsync(SampleVerses);
    }

    private async Task<string> CreateInvitationAsync(IPage page)
    {
        // Through the menu, so that the page opens inside the running circuit and its buttons work at once.
        await NavLink(page, "Writers").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/users$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Writers", Exact = true })).ToBeVisibleAsync();

        await page.Locator("#create-invite").ClickAsync();
        var code = page.Locator("#invite-link code");
        await Expect(code).ToHaveTextAsync(new Regex($"^{Regex.Escape(portal.BaseAddress.ToString())}account/invite/\\S+$"));
        await Expect(page.Locator("#invitations-table tbody tr")).ToHaveCountAsync(1);
        // The link is one long word: it must wrap inside its box, not stretch the page sideways.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "The invitation link makes the Writers page scroll sideways.");
        return await code.InnerTextAsync();
    }

    private static async Task SetupIsClosedAsync(IPage page)
    {
        // Someone else arriving later gets the sign-in page, not a second chance to become admin.
        await page.GotoAsync("setup");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await Expect(page.Locator("#create-admin")).ToHaveCountAsync(0);
    }

    private static async Task AcceptInvitationAsync(IPage page, string link)
    {
        await page.GotoAsync(link);
        await Expect(page.GetByText("You are invited as a writer.")).ToBeVisibleAsync();
        await page.Locator("#username").FillAsync(WriterUser);
        await page.Locator("#password").FillAsync(WriterPassword);
        await page.Locator("#confirm").FillAsync(WriterPassword);
        await page.Locator("#accept-invite").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/verses$"));
        await Expect(AppBar(page)).ToContainTextAsync(WriterUser);
        await WaitForCircuitAsync(page);
        // Every sample verse is the admin's: a writer reads them but cannot delete them.
        await Expect(Rows(page).Filter(new() { HasText = $"by {AdminUser}" })).ToHaveCountAsync(SampleVerses);
        await Expect(Rows(page).Locator(".delete-verse")).ToHaveCountAsync(0);
    }

    private static async Task InvitationWorksOnceAsync(IPage page, string link)
    {
        await page.GotoAsync(link);
        await Expect(page.Locator("#invite-invalid")).ToBeVisibleAsync();
        await Expect(page.Locator("#accept-invite")).ToHaveCountAsync(0);
    }

    private static async Task WriterIsNotAdminAsync(IPage page)
    {
        await Expect(NavLink(page, "Verses")).ToBeVisibleAsync();
        await Expect(NavLink(page, "Writers")).ToHaveCountAsync(0);

        // Typing the address does not help either.
        await page.GotoAsync("admin/users");
        await Expect(page.GetByText("does not have access")).ToBeVisibleAsync();
        await Expect(page.Locator("#create-invite")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Writers", Exact = true })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the verses" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/verses$"));
        await WaitForCircuitAsync(page);
    }

    private async Task UseAndRevokeApiTokenAsync(IPage page)
    {
        await NavLink(page, "Profile and API tokens").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/profile$"));

        await page.Locator("#token-name").FillAsync("e2e script");
        await page.Locator("#create-token").ClickAsync();
        var secret = page.Locator("#new-token-secret");
        await Expect(secret).ToHaveTextAsync(new Regex("\\S{20,}"));
        var token = (await secret.InnerTextAsync()).Trim();
        var row = page.Locator("#token-table tbody tr").Filter(new() { HasText = "e2e script" });
        await Expect(row).ToContainTextAsync("active");

        using var http = new HttpClient(new HttpClientHandler { UseProxy = false }) { BaseAddress = portal.BaseAddress };
        using (var response = await GetVersesAsync(http, token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(SampleVerses, body.RootElement.GetProperty("total").GetInt32());
        }

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(row).ToContainTextAsync("revoked");
        await Expect(secret).ToHaveCountAsync(0);
        using (var response = await GetVersesAsync(http, token))
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task SignOutAsync(IPage page)
    {
        await AppBar(page).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();

        await page.GotoAsync("verses");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2Fverses$"));
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
    }

    private static async Task<HttpResponseMessage> GetVersesAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/verses");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    /// <summary>
    /// The verses page is prerendered, so its links and buttons show before the circuit can handle a click. The grid
    /// loads its rows only once the circuit runs, so rows on screen mean the page is live.
    /// </summary>
    private static Task WaitForCircuitAsync(IPage page) => Expect(Rows(page)).ToHaveCountAsync(SampleVerses);

    private static ILocator Rows(IPage page) => page.Locator("#verses-grid tbody tr.verse-row");

    private static ILocator AppBar(IPage page) => page.Locator("header.mud-appbar");

    private static ILocator NavLink(IPage page, string name) =>
        page.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
}
