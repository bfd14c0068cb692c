using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.E2E.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Tests;

/// <summary>
/// A retrain in a real browser against the real portal and its in-process worker: queue a tiny job from the Advanced
/// panel, watch it train live, and read its report.
/// </summary>
public sealed class RetrainTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private const int MaxSteps = 40;

    /// <summary>Training runs on a 2-core CPU next to a build: a wait this long means something is stuck, not slow.</summary>
    private static readonly float TrainingPatience = (float)TimeSpan.FromMinutes(10).TotalMilliseconds;

    static RetrainTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task AdminQueuesATinyJobWatchesItTrainAndReadsTheReport()
    {
        await using var browser = await BrowserRun.StartAsync(portal.BaseAddress);
        await browser.RunAsync(nameof(AdminQueuesATinyJobWatchesItTrainAndReadsTheReport), async page =>
        {
            await SignInAsync(page);
            await OpenRetrainAsync(page);
            await AddGoldenPromptAsync(page);
            var jobId = await QueueTinyJobAsync(page);
            await WatchItTrainAsync(page);
            await ReadTheReportAsync(page, jobId);
            await CreateAWorkerTokenAsync(page, portal.BaseAddress);
        });
        Assert.Empty(browser.BlockedRequests);
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("account/login?ReturnUrl=%2Fverses");
        await page.Locator("#username").FillAsync(PortalServer.AdminUser);
        await page.Locator("#password").FillAsync(PortalServer.AdminPassword);
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/verses$"));
        // The sample library has never been trained on: the Verses page says so and leads to Retrain.
        await Expect(page.Locator("#new-verses-count")).ToContainTextAsync("new verses since the last model");
        // The grid loads its rows only once the circuit runs. A link clicked before that can leave the address on
        // /retrain with the Verses page still showing, so the test clicks when a writer's click would be handled.
        await Expect(page.Locator("#verses-grid tbody tr.verse-row")).Not.ToHaveCountAsync(0);
    }

    private static async Task OpenRetrainAsync(IPage page)
    {
        await page.Locator("#nudge-retrain").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/retrain$"));
        await Expect(page.Locator("#retrain-title")).ToBeVisibleAsync();
        await Expect(page.Locator("#no-jobs")).ToBeVisibleAsync();
        // The page is prerendered; its buttons are enabled once the circuit runs and clicks can reach it.
        await Expect(page.Locator("#retrain-now")).ToBeEnabledAsync();
    }

    private static async Task AddGoldenPromptAsync(IPage page)
    {
        const string prompt = "Storytelling verse about a night bus home";
        await page.Locator("#golden-prompt-text").FillAsync(prompt);
        await page.Locator("#golden-prompt-add").ClickAsync();
        await Expect(page.Locator("#golden-prompt-message")).ToContainTextAsync("Added.");
        await Expect(page.Locator("#golden-prompt-list .golden-prompt-text")).ToHaveTextAsync([prompt]);
    }

    private static async Task<string> QueueTinyJobAsync(IPage page)
    {
        await page.Locator("#advanced-panel .mud-expand-panel-header").ClickAsync();
        await Expect(page.Locator("#setting-max-steps")).ToBeVisibleAsync();
        // With no base model in a fresh data directory the defaults train a tiny model from scratch.
        await Expect(page.Locator("#setting-start-mode")).ToHaveValueAsync("Scratch");
        await Expect(page.Locator("#setting-model-size")).ToHaveValueAsync("tiny");

        await page.Locator("#setting-max-steps").FillAsync($"{MaxSteps}");
        await page.Locator("#setting-eval-interval").FillAsync("10");
        await page.Locator("#setting-context-length").FillAsync("64");
        await page.Locator("#setting-probe-tokens").FillAsync("16");
        await Expect(page.Locator("#settings-errors")).ToHaveCountAsync(0);
        await page.Locator("#queue-custom").ClickAsync();

        await Expect(page.Locator("#retrain-result")).ToContainTextAsync(new Regex(@"Queued job #\d+\."));
        var text = await page.Locator("#retrain-result").InnerTextAsync();
        var jobId = Regex.Match(text, @"#(\d+)").Groups[1].Value;
        await Expect(page.Locator("#job-queue tr.job-row")).ToHaveCountAsync(1);
        await Expect(page.Locator("#live-job")).ToHaveAttributeAsync("data-job", jobId);
        return jobId;
    }

    private static async Task WatchItTrainAsync(IPage page)
    {
        var live = page.Locator("#live-job");
        // The worker claims the job and reports steps; the chart draws the loss as it arrives.
        await Expect(live.Locator(".loss-chart svg path").First).ToBeAttachedAsync(new() { Timeout = TrainingPatience });
        await Expect(live.Locator("#job-step .job-figure-value")).ToHaveTextAsync(new Regex($@"^[1-9]\d* / {MaxSteps}$"), new() { Timeout = TrainingPatience });
        await Expect(live.Locator(".job-state")).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = TrainingPatience });
        await Expect(live.Locator("#job-step .job-figure-value")).ToHaveTextAsync($"{MaxSteps} / {MaxSteps}");
        await Expect(live.Locator("#job-log .log-line").First).ToBeVisibleAsync();
        await Expect(live.Locator(".probe-round").First).ToBeVisibleAsync();
        await Screenshots.SaveIfAskedAsync(page, "retrain");
    }

    private static async Task ReadTheReportAsync(IPage page, string jobId)
    {
        await page.Locator("#live-job-report").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/retrain/jobs/{jobId}$"));
        await Expect(page.Locator("#job-title")).ToHaveTextAsync($"Job #{jobId}");

        var checklist = page.Locator("#checklist li.checklist-item");
        await Expect(checklist).ToHaveCountAsync(4);
        await Expect(checklist.Locator(".checklist-figure")).ToHaveCountAsync(4);
        await Expect(page.Locator("#metric-steps")).ToHaveTextAsync($"{MaxSteps} of {MaxSteps}");
        await Expect(page.Locator("#job-candidate")).ToContainTextAsync($"models/job-{jobId}");
        await Expect(page.Locator("#job-report .loss-chart svg path").First).ToBeAttachedAsync();
        await Expect(page.Locator("#probe-pairs .probe-pair")).ToHaveCountAsync(1);
        await Screenshots.SaveIfAskedAsync(page, "job-report");
    }

    private static async Task CreateAWorkerTokenAsync(IPage page, Uri portalAddress)
    {
        await page.Locator("#nav-admin-training").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/training$"));
        await Expect(page.Locator("#no-worker-tokens")).ToBeVisibleAsync();
        // Automatic retraining is off until an admin turns it on.
        await Expect(page.Locator("#auto-retrain-after")).ToBeDisabledAsync();

        await page.Locator("#worker-token-name").FillAsync("gpu box");
        await page.Locator("#create-worker-token").ClickAsync();

        var secret = (await page.Locator("#new-worker-token-secret").InnerTextAsync()).Trim();
        Assert.StartsWith("vp_", secret, StringComparison.Ordinal);
        await Expect(page.Locator("#worker-command")).ToHaveTextAsync(
            $"PORTAL_WORKER_TOKEN={secret} dotnet run --project src/Portal.Worker -- --portal {portalAddress.ToString().TrimEnd('/')}");
        await Expect(page.Locator("#worker-token-table tr.worker-token-row")).ToHaveCountAsync(1);
        await Screenshots.SaveIfAskedAsync(page, "training-admin");
    }
}
