using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.E2E.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Tests;

/// <summary>
/// The deploy loop in a real browser against the real portal and a real serving app in its own process: an admin
/// trains a tiny model, promotes it from the job report, sees it live on the Versions page once the serving app
/// pulled it, promotes a second one, then rolls back to v1 and sees the rollback (v3) live.
/// </summary>
public sealed class VersionsTests(DeployedPortal portal) : IClassFixture<DeployedPortal>
{
    /// <summary>Training runs on a 2-core CPU next to a build: a wait this long means something is stuck, not slow.</summary>
    private static readonly float TrainingPatience = (float)TimeSpan.FromMinutes(10).TotalMilliseconds;

    /// <summary>A push, the serving app's pull (every second), its verify and swap, and the portal's poll (every second).</summary>
    private static readonly float DeployPatience = (float)TimeSpan.FromMinutes(3).TotalMilliseconds;

    static VersionsTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task AdminPromotesACandidateSeesItLiveAndRollsBack()
    {
        await using var browser = await BrowserRun.StartAsync(portal.BaseAddress);
        await browser.RunAsync(nameof(AdminPromotesACandidateSeesItLiveAndRollsBack), async page =>
        {
            await SignInAsync(page);
            await NoVersionYetAsync(page);

            var first = await TrainTinyJobAsync(page, maxSteps: 40);
            await PromoteAsync(page, first, expectedTag: "v1", note: "First model trained in the portal.", screenshot: true);
            await SeeLiveAsync(page, number: 1);

            var second = await TrainTinyJobAsync(page, maxSteps: 30);
            await PromoteAsync(page, second, expectedTag: "v2", note: "A shorter run, to compare.", screenshot: false);
            await SeeLiveAsync(page, number: 2);

            await OpenVersionAsync(page, number: 1);
            await DownloadTheModelAsync(page);
            await RollBackAsync(page, target: 1, expectedTag: "v3");
            await SeeLiveAsync(page, number: 3);
            await Expect(Row(page, 3).Locator(".version-rollback")).ToHaveTextAsync("rollback to v1");
            await Screenshots.SaveIfAskedAsync(page, "versions");
        });
        Assert.Empty(browser.BlockedRequests);
    }

    private static ILocator Row(IPage page, int number) =>
        page.Locator("#version-history tr.version-row").Filter(new() { Has = page.Locator($"td.version-cell[data-version='{number}']") });

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("account/login?ReturnUrl=%2Fretrain");
        await page.Locator("#username").FillAsync(PortalServer.AdminUser);
        await page.Locator("#password").FillAsync(PortalServer.AdminPassword);
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/retrain$"));
        // The page is prerendered; its buttons are enabled once the circuit runs and clicks can reach it.
        await Expect(page.Locator("#retrain-now")).ToBeEnabledAsync();
    }

    private static async Task NoVersionYetAsync(IPage page)
    {
        await page.Locator("#nav-versions").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/versions$"));
        await Expect(page.Locator("#no-versions")).ToContainTextAsync("No version yet: promote a finished job's candidate from its report");
        // The serving app is configured and answers, but has nothing to serve yet.
        await Expect(page.Locator("#serving-endpoints tr.serving-endpoint")).ToHaveCountAsync(1);
        await page.Locator("#no-versions-retrain").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/retrain$"));
        await Expect(page.Locator("#retrain-now")).ToBeEnabledAsync();
    }

    /// <summary>A tiny model from scratch, queued from the Advanced panel as in the retrain test; returns its job id once it succeeded.</summary>
    private static async Task<string> TrainTinyJobAsync(IPage page, int maxSteps)
    {
        await page.Locator("#nav-retrain").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/retrain$"));
        await Expect(page.Locator("#retrain-now")).ToBeEnabledAsync();
        var panel = page.Locator("#advanced-panel");
        if (!await page.Locator("#setting-max-steps").IsVisibleAsync())
            await panel.Locator(".mud-expand-panel-header").ClickAsync();
        await Expect(page.Locator("#setting-max-steps")).ToBeVisibleAsync();
        await page.Locator("#setting-max-steps").FillAsync($"{maxSteps}");
        await page.Locator("#setting-eval-interval").FillAsync("10");
        await page.Locator("#setting-context-length").FillAsync("64");
        await page.Locator("#setting-probe-tokens").FillAsync("16");
        await Expect(page.Locator("#settings-errors")).ToHaveCountAsync(0);
        await page.Locator("#queue-custom").ClickAsync();

        await Expect(page.Locator("#retrain-result")).ToContainTextAsync(new Regex(@"Queued job #\d+\."));
        var jobId = Regex.Match(await page.Locator("#retrain-result").InnerTextAsync(), @"#(\d+)").Groups[1].Value;
        var live = page.Locator($"#live-job[data-job='{jobId}']");
        await Expect(live.Locator(".job-state")).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = TrainingPatience });
        return jobId;
    }

    private static async Task PromoteAsync(IPage page, string jobId, string expectedTag, string note, bool screenshot)
    {
        await page.Locator($"#live-job[data-job='{jobId}'] #live-job-report").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/retrain/jobs/{jobId}$"));
        var panel = page.Locator("#promotion-panel");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.Locator("#promotion-blocker")).ToHaveCountAsync(0);

        // The comparison loads both models off the page's thread; the form stays usable meanwhile.
        await Expect(panel.Locator("#gate-comparison")).ToBeVisibleAsync(new() { Timeout = TrainingPatience });
        await page.Locator("#promotion-note").FillAsync(note);
        // A tiny model may fail a check (a loss that barely moved): then promoting needs the override, which needs the note.
        if (await panel.Locator("#promotion-failed-items").CountAsync() > 0)
            await panel.GetByText("Override the failed checks").ClickAsync();
        await Expect(page.Locator("#promote")).ToBeEnabledAsync();
        if (screenshot)
        {
            // The window, not the full page: the report above the gate is the job report's own picture.
            // Its top just under the app bar.
            await panel.EvaluateAsync("panel => { panel.scrollIntoView({ block: 'start' }); window.scrollBy(0, -64); }");
            await Screenshots.SaveIfAskedAsync(page, "promote", fullPage: false);
        }

        await page.Locator("#promote").ClickAsync();

        await Expect(page.Locator("#promote-result")).ToContainTextAsync($"Promoted as {expectedTag} and pushed.", new() { Timeout = DeployPatience });
        await Expect(page.Locator("#promotion-panel")).ToHaveCountAsync(0);
    }

    /// <summary>The Versions page, until the serving app reports the version as the one it serves.</summary>
    private static async Task SeeLiveAsync(IPage page, int number)
    {
        await page.Locator("#nav-versions").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/versions$"));
        var row = Row(page, number);
        await Expect(row.Locator(".push-state")).ToHaveAttributeAsync("data-push", "Pushed");
        await Expect(row.Locator(".version-current")).ToBeVisibleAsync();
        await Expect(row.Locator(".live-chip")).ToBeVisibleAsync(new() { Timeout = DeployPatience });
        // Exactly one version is live: the serving app swapped, it did not add.
        await Expect(page.Locator("#version-history .live-chip")).ToHaveCountAsync(1);
        await Expect(page.Locator("#serving-endpoints .serving-version")).ToHaveTextAsync($"v{number}");
    }

    private static async Task OpenVersionAsync(IPage page, int number)
    {
        await Row(page, number).Locator(".version-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/versions/{number}$"));
        await Expect(page.Locator("#version-title")).ToHaveTextAsync($"v{number}");
        // MODEL_CARD.md and the VERSION_LOG entry are rendered, not shown as markdown source.
        await Expect(page.Locator("#model-card h1, #model-card h2").First).ToBeVisibleAsync();
        await Expect(page.Locator("#version-log")).ToContainTextAsync($"v{number}");
        await Expect(page.Locator("#diff-summary")).ToContainTextAsync("The first version");
        await Expect(page.Locator("#rollback")).ToBeEnabledAsync();
        await Screenshots.SaveIfAskedAsync(page, "version");
    }

    private static async Task DownloadTheModelAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-zip").ClickAsync());
        Assert.Null(await download.FailureAsync());
        Assert.EndsWith(".zip", download.SuggestedFilename, StringComparison.Ordinal);
        await download.DeleteAsync();
    }

    private static async Task RollBackAsync(IPage page, int target, string expectedTag)
    {
        await page.Locator("#rollback").ClickAsync();
        await Expect(page.Locator("#rollback-explanation")).ToContainTextAsync($"whose files are exactly those of v{target}");
        await page.Locator("#rollback-note").FillAsync("Back to the first model while we look at v2.");
        await page.Locator("#rollback-confirm").ClickAsync();

        await Expect(page.Locator("#version-command-result")).ToContainTextAsync($"Rolled back to v{target} as {expectedTag} and pushed.", new() { Timeout = DeployPatience });
    }
}
