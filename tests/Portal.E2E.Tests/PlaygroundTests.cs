using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.E2E.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Tests;

/// <summary>
/// The playground in a real browser against the real portal with two promoted versions: a writer puts both side by
/// side on one prompt, blind, picks the better output, sees which model wrote it, and keeps an edited output as a
/// verse draft that stays out of training.
/// </summary>
public sealed class PlaygroundTests(PlaygroundPortal portal) : IClassFixture<PlaygroundPortal>
{
    private const string Prompt = "Reflective verse about a city that hums all night";
    private const string AddedLine = "and the streetlights keep the beat";

    /// <summary>Loading two models and writing on a 2-core CPU, maybe next to a build: a wait this long means something is stuck.</summary>
    private static readonly float GenerationPatience = (float)TimeSpan.FromMinutes(2).TotalMilliseconds;

    static PlaygroundTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task AWriterComparesTwoVersionsBlindVotesAndSavesAnOutputAsADraft()
    {
        await using var browser = await BrowserRun.StartAsync(portal.BaseAddress);
        await browser.RunAsync(nameof(AWriterComparesTwoVersionsBlindVotesAndSavesAnOutputAsADraft), async page =>
        {
            await SignInAsync(page);
            await ChooseBothVersionsAsync(page);
            await GenerateBlindAsync(page);
            await VoteAsync(page);
            // From the top: a full-page picture taken scrolled down shows the app bar across the middle.
            await page.EvaluateAsync("window.scrollTo(0, 0)");
            await Screenshots.SaveIfAskedAsync(page, "playground");
            await SaveDraftAsync(page);
            await SeeTheVoteOnTheVersionsPageAsync(page);
        });
        Assert.Empty(browser.BlockedRequests);
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("account/login?ReturnUrl=%2Fretrain");
        await page.Locator("#username").FillAsync(PortalServer.AdminUser);
        await page.Locator("#password").FillAsync(PortalServer.AdminPassword);
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/retrain$"));
        // The retrain page is prerendered; its button is enabled once the circuit runs. From then on the nav link
        // renders the playground inside the circuit, so nothing typed or clicked there can be lost to a prerender.
        await Expect(page.Locator("#retrain-now")).ToBeEnabledAsync();
        await page.Locator("#nav-playground").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/playground$"));
    }

    /// <summary>The live version (v2, the newest) is chosen for the writer; they add v1 to compare.</summary>
    private static async Task ChooseBothVersionsAsync(IPage page)
    {
        var options = page.Locator("#model-picker .model-option");
        await Expect(options).ToHaveCountAsync(2);
        await Expect(options.First).ToHaveAttributeAsync("data-model", "v2");
        await Expect(options.First).ToHaveClassAsync(new Regex("model-option-live"));
        await Expect(Checkbox(page, "v2")).ToBeCheckedAsync();
        await Expect(Checkbox(page, "v1")).Not.ToBeCheckedAsync();

        await Checkbox(page, "v1").CheckAsync();
        await Expect(Checkbox(page, "v1")).ToBeCheckedAsync();
    }

    private static ILocator Checkbox(IPage page, string model) =>
        page.Locator($"#model-picker .model-option[data-model='{model}'] input[type=checkbox]");

    private static async Task GenerateBlindAsync(IPage page)
    {
        await page.Locator("#playground-prompt").FillAsync(Prompt);
        await Expect(page.Locator("#playground-generate")).ToBeEnabledAsync();
        await page.Locator("#playground-blind input").CheckAsync();
        await page.Locator("#playground-generate").ClickAsync();

        var outputs = page.Locator(".playground-output");
        await Expect(outputs).ToHaveCountAsync(2);
        await Expect(outputs.Locator(".output-vote")).ToHaveCountAsync(2, new() { Timeout = GenerationPatience });
        // Blind: named by letter, and nothing on the page says which model wrote which.
        await Expect(outputs.Locator(".output-name")).ToHaveTextAsync(["Output A", "Output B"]);
        await Expect(page.Locator(".playground-output[data-model]")).ToHaveCountAsync(0);
    }

    private static async Task VoteAsync(IPage page)
    {
        await page.Locator(".playground-output .output-vote").First.ClickAsync();

        await Expect(page.Locator("#vote-result")).ToContainTextAsync("recorded");
        // Revealed: both columns name their model, the pick is marked, and no second vote is offered.
        await Expect(page.Locator(".playground-output[data-model]")).ToHaveCountAsync(2);
        await Expect(page.Locator(".playground-output .output-winner")).ToHaveCountAsync(1);
        await Expect(page.Locator(".playground-output .output-vote")).ToHaveCountAsync(0);
    }

    /// <summary>The writer adds a line of their own to the first output and keeps it; the library shows it out of training.</summary>
    private static async Task SaveDraftAsync(IPage page)
    {
        var first = page.Locator(".playground-output").First;
        await first.Locator(".output-save-draft").ClickAsync();
        var lyrics = page.Locator("#draft-lyrics");
        await Expect(lyrics).ToBeVisibleAsync();
        await Expect(page.Locator("#draft-prompt")).ToHaveValueAsync(Prompt);
        await lyrics.FillAsync(await lyrics.InputValueAsync() + "\n" + AddedLine);
        await page.Locator("#draft-save").ClickAsync();

        await Expect(first.Locator(".output-draft-saved")).ToContainTextAsync("excluded from training");
        await first.Locator(".output-draft-link").ClickAsync();
        await Expect(page.Locator("#verse-prompt")).ToHaveValueAsync(Prompt);
        await Expect(page.Locator("#verse-lyrics")).ToHaveValueAsync(new Regex(Regex.Escape(AddedLine) + "$"));
        await Expect(page.Locator("#verse-tags")).ToHaveValueAsync(new Regex("draft"));
        await Expect(page.Locator("#verse-include")).Not.ToBeCheckedAsync();
        await page.Locator("#verse-cancel").ClickAsync();
    }

    private static async Task SeeTheVoteOnTheVersionsPageAsync(IPage page)
    {
        await page.Locator("#nav-versions").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/versions$"));
        // One comparison between v1 and v2: each took part once, and one of them won it.
        var votes = page.Locator("#version-history .version-votes");
        await Expect(votes).ToHaveCountAsync(2);
        await Expect(votes.Filter(new() { HasText = "won 1 of 1" })).ToHaveCountAsync(1);
        await Expect(votes.Filter(new() { HasText = "won 0 of 1" })).ToHaveCountAsync(1);
    }
}
