using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.E2E.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Tests;

/// <summary>A writer's day in a real browser: sign in, add a verse, import a good file, have a bad one refused.</summary>
public sealed class VerseLibraryTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private const int SampleVerses = 8;

    static VerseLibraryTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task WriterSignsInAddsAVerseAndImportsFiles()
    {
        await using var browser = await BrowserRun.StartAsync(portal.BaseAddress);
        await browser.RunAsync(nameof(WriterSignsInAddsAVerseAndImportsFiles), async page =>
        {
            await SignInAsync(page);
            await Screenshots.SaveIfAskedAsync(page, "verses", fullPage: false);
            await AddVerseAsync(page);
            await ImportValidFileAsync(page);
            await ImportInvalidFileAsync(page);
        });
        Assert.Empty(browser.BlockedRequests);
    }

    private static async Task SignInAsync(IPage page)
    {
        // The library is behind sign-in: opening it leads to the sign-in page, and back after it.
        await page.GotoAsync("verses");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2Fverses$"));

        await page.Locator("#username").FillAsync(PortalServer.AdminUser);
        await page.Locator("#password").FillAsync("not-the-password");
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page.Locator("#login-error")).ToContainTextAsync("Wrong user name or password.");

        await page.Locator("#password").FillAsync(PortalServer.AdminPassword);
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/verses$"));
        await Expect(page.Locator("#verses-title")).ToBeVisibleAsync();
        await Expect(page.Locator("#login-error")).ToHaveCountAsync(0);
        await WaitForCircuitAsync(page, SampleVerses);
    }

    private static async Task AddVerseAsync(IPage page)
    {
        const string prompt = "E2E storytelling verse about a night bus home";
        await page.Locator("#add-verse").ClickAsync();
        var dialog = Dialog(page, "Add verse");
        await Expect(dialog).ToBeVisibleAsync();

        await dialog.Locator("#verse-prompt").FillAsync(prompt);
        await dialog.Locator("#verse-lyrics").FillAsync(
            "Last bus rolling with the windows all steamed\nDriver hums a tune that he heard in a dream\nCity lights smear into lines on the glass\nI write every bar so the moment won't pass");
        await dialog.Locator("#verse-tags").FillAsync("storytelling, e2e");
        // The bar count is computed on the server from the lyrics it received: seeing "4 bars" shows that the typing
        // has reached the circuit, as a writer sees it before pressing Save.
        await Expect(dialog.GetByText("4 bars", new() { Exact = true })).ToBeVisibleAsync();
        await dialog.Locator("#verse-save").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Rows(page).Filter(new() { HasText = prompt })).ToHaveCountAsync(1);
        await Expect(VerseCount(page)).ToHaveTextAsync($"{SampleVerses + 1}");
    }

    private static async Task ImportValidFileAsync(IPage page)
    {
        string[] prompts =
        [
            "E2E import one: battle verse with a quiet start",
            "E2E import two: motivational verse for a rainy morning",
            "E2E import three: storytelling verse about a lost letter",
        ];
        var jsonl = string.Join('\n', prompts.Select((prompt, i) =>
            $$"""{"prompt": "{{prompt}}", "lyrics": "Line one of verse {{i}} keeps the beat\nLine two of verse {{i}} lands on its feet", "tags": ["e2e"]}"""));

        var dialog = await OpenImportAsync(page);
        await ChooseFileAsync(dialog, "three-verses.jsonl", jsonl);
        await dialog.Locator("#import-run").ClickAsync();

        await Expect(dialog.Locator("#import-success")).ToContainTextAsync("Imported 3 of 3 verses (JSONL)");
        await Expect(dialog.Locator("#import-errors")).ToHaveCountAsync(0);
        await Expect(dialog.Locator("#import-close")).ToHaveTextAsync("Done");
        await dialog.Locator("#import-close").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        foreach (var prompt in prompts)
            await Expect(Rows(page).Filter(new() { HasText = prompt })).ToHaveCountAsync(1);
        await Expect(VerseCount(page)).ToHaveTextAsync($"{SampleVerses + 4}");
    }

    private static async Task ImportInvalidFileAsync(IPage page)
    {
        const string validPrompt = "E2E bad file: this one alone is fine";
        var jsonl = string.Join('\n',
            $$"""{"prompt": "{{validPrompt}}", "lyrics": "A fine first bar\nA fine second bar"}""",
            """{"prompt": "", "lyrics": "No prompt above me\nSo I cannot stay"}""",
            """{"prompt": 42, "lyrics": "A number for a prompt\nIs not a prompt at all"}""");

        var dialog = await OpenImportAsync(page);
        await ChooseFileAsync(dialog, "bad-verses.jsonl", jsonl);
        await dialog.Locator("#import-run").ClickAsync();

        await Expect(dialog.Locator("#import-rejected")).ToContainTextAsync("Nothing was imported.");
        await Expect(dialog.Locator("#import-rejected")).ToContainTextAsync("2 of 3 verses have problems");
        var problems = dialog.Locator("#import-errors tbody tr");
        await Expect(problems).ToHaveCountAsync(2);
        await Expect(problems.Nth(0).Locator("td")).ToHaveTextAsync(["2", "The prompt is empty."]);
        await Expect(problems.Nth(1).Locator("td")).ToHaveTextAsync(["3", "\"prompt\" must be text, but it is a number."]);
        await dialog.Locator("#import-close").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(VerseCount(page)).ToHaveTextAsync($"{SampleVerses + 4}");
        await Expect(Rows(page).Filter(new() { HasText = validPrompt })).ToHaveCountAsync(0);
    }

    private static async Task<ILocator> OpenImportAsync(IPage page)
    {
        await page.Locator("#import-verses").ClickAsync();
        var dialog = Dialog(page, "Import verses");
        await Expect(dialog).ToBeVisibleAsync();
        // All-or-nothing is the default: one bad verse keeps the whole file out.
        await Expect(dialog.Locator("#import-valid-only")).Not.ToBeCheckedAsync();
        return dialog;
    }

    private static async Task ChooseFileAsync(ILocator dialog, string name, string content)
    {
        // MudFileUpload 9.12 drops the id="import-upload" it is given (its generated id wins on the hidden input, and
        // the wrapper gets none), so the dialog's one file input is found by type.
        var input = dialog.Locator("input[type=file]");
        // The dialog shows before Blazor's InputFile script has hooked the input's change event (one round trip
        // later); files set before that are lost. A person cannot pick a file that fast, a test on a busy machine can.
        // The script marks the input with this field as it hooks it.
        await dialog.Page.WaitForFunctionAsync("input => input._blazorInputFileNextFileId !== undefined", await input.ElementHandleAsync());
        await input.SetInputFilesAsync(new FilePayload
        {
            Name = name,
            MimeType = "application/jsonl",
            Buffer = Encoding.UTF8.GetBytes(content),
        });
        await Expect(dialog.Locator("#import-file")).ToContainTextAsync(name);
        await Expect(dialog.Locator("#import-run")).ToBeEnabledAsync();
    }

    /// <summary>
    /// The page is prerendered, so its buttons show before the circuit can handle a click. The grid loads its rows
    /// only once the circuit runs, so rows on screen mean the page is live.
    /// </summary>
    private static Task WaitForCircuitAsync(IPage page, int rows) => Expect(Rows(page)).ToHaveCountAsync(rows);

    private static ILocator Dialog(IPage page, string title) =>
        page.GetByRole(AriaRole.Dialog, new() { Name = title, Exact = true });

    private static ILocator Rows(IPage page) => page.Locator("#verses-grid tbody tr.verse-row");

    private static ILocator VerseCount(IPage page) => page.Locator("#stat-verses .stat-value");
}
