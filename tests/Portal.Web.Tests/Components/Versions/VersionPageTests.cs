using Bunit;
using Portal.Core.Versions;
using Portal.Web.Components.Pages.Versions;
using Portal.Web.Tests.Components.Support;
using Portal.Web.Tests.Components.Versions.Support;

namespace Portal.Web.Tests.Components.Versions;

public sealed class VersionPageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AVersionShowsItsModelCardLogEntryDatasetChangesAndDownloads()
    {
        await using var bed = await VersionsTestBed.CreateAsync();
        var root = await bed.AddUserAsync("root", admin: true);
        var ana = await bed.AddUserAsync("ana");
        var harbour = await bed.AddVerseAsync(ana, LibraryVerses.HarbourPrompt, LibraryVerses.HarbourLyrics);
        var chess = await bed.AddVerseAsync(ana, LibraryVerses.ChessPrompt, LibraryVerses.ChessLyrics);
        await bed.AddVerseAsync(ana, LibraryVerses.KitchenPrompt, LibraryVerses.KitchenLyrics);
        await bed.PromoteAsync(root, await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics));
        // v2 learns a new verse, an edited one, and no longer the chess verse.
        await bed.AddVerseAsync(ana, "Motivational verse about early trains", "Five fifteen and the platform hums\nCold hands ready for whatever comes\nThe ticket says nowhere, I read it as more\nEvery train I miss is a door");
        var edited = await bed.Verses.UpdateAsync(harbour.Id, harbour.Text with { Lyrics = "Harbour lights flicker on a quieter tide\n" + harbour.Text.Lyrics }, true, harbour.Revision, ana);
        Assert.True(edited.Succeeded, edited.Message);
        Assert.True((await bed.Verses.DeleteAsync(chess.Id, ana)).Succeeded);
        await bed.PromoteAsync(root, await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics), "Trains in, chess out.");
        bed.SignIn(ana);

        var page = bed.Context.Render<VersionPage>(parameters => parameters.Add(p => p.Number, 2));

        page.WaitForElement("#model-card", Patience);
        Assert.Equal("v2", page.Find("#version-title").TextContent);
        Assert.Equal("Model card: v2", page.Find("#model-card h1").TextContent);
        Assert.NotEmpty(page.FindAll("#model-card table td"));
        Assert.StartsWith("v2", page.Find("#version-log h2").TextContent, StringComparison.Ordinal);
        Assert.Contains("Trains in, chess out.", page.Find("#version-log blockquote").TextContent, StringComparison.Ordinal);
        Assert.Equal("Trains in, chess out.", page.Find("#version-note").TextContent);
        Assert.Equal("root", page.Find("#version-who .job-figure-value").TextContent);

        Assert.Contains("Compared with v1.", page.Find("#diff-summary").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Added (1)", "Edited (1)", "Removed (1)"], page.FindAll("#dataset-diff .mud-tab").Select(t => t.TextContent.Trim()));
        Assert.Equal("Motivational verse about early trains", page.Find("#diff-added .diff-verse-prompt").TextContent);
        // The first bars only: enough to recognise the verse.
        Assert.Equal("Five fifteen and the platform hums\nCold hands ready for whatever comes\n…", page.Find("#diff-added .diff-verse-lyrics").TextContent);
        Assert.Equal(LibraryVerses.HarbourPrompt, page.Find("#diff-edited .diff-verse-prompt").TextContent);
        Assert.StartsWith("Harbour lights flicker on a quieter tide\n", page.Find("#diff-edited .diff-verse-lyrics").TextContent, StringComparison.Ordinal);
        Assert.Equal(LibraryVerses.ChessPrompt, page.Find("#diff-removed .diff-verse-prompt").TextContent);

        var zip = page.Find("#download-zip");
        Assert.Equal("api/versions/2/download?format=zip", zip.GetAttribute("href"));
        Assert.True(zip.HasAttribute("download"));
        Assert.Equal("api/versions/2/download?format=gguf", page.Find("#download-gguf").GetAttribute("href"));
    }

    [Fact]
    public async Task TheFirstVersionSaysThereIsNothingToCompareItsVersesWith()
    {
        await using var bed = await VersionsTestBed.CreateAsync();
        var root = await bed.AddUserAsync("root", admin: true);
        await bed.AddVersesAsync(root);
        await bed.PromoteAsync(root, await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics));
        bed.SignIn(root);

        var page = bed.Context.Render<VersionPage>(parameters => parameters.Add(p => p.Number, 1));

        page.WaitForElement("#diff-summary", Patience);
        Assert.Equal("The first version: there is no earlier version to compare its verses with.", page.Find("#diff-summary").TextContent);
        Assert.Empty(page.FindAll("#dataset-diff"));
    }

    [Fact]
    public async Task AnUnknownVersionSaysThereIsNoSuchVersion()
    {
        await using var bed = await VersionsTestBed.CreateAsync();
        bed.SignIn(await bed.AddUserAsync("ana"));

        var page = bed.Context.Render<VersionPage>(parameters => parameters.Add(p => p.Number, 7));

        page.WaitForAssertion(() => Assert.Contains("There is no version v7.", page.Find("#no-such-version").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task RollbackIsDisabledForTheCurrentVersionAndMakesANewVersionFromAnOlderOne()
    {
        await using var bed = await VersionsTestBed.CreateAsync();
        var root = await bed.AddUserAsync("root", admin: true);
        await bed.AddVersesAsync(root);
        await bed.PromoteAsync(root, await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics));
        await bed.PromoteAsync(root, await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics));
        bed.SignIn(root);
        var providers = bed.RenderProviders();

        var current = bed.Context.Render<VersionPage>(parameters => parameters.Add(p => p.Number, 2));
        current.WaitForAssertion(() => Assert.True(current.Find("#rollback").HasAttribute("disabled")), Patience);
        Assert.Equal("This is the current version: the deploy branch already holds it.", current.Find("#rollback-reason").TextContent);

        var older = bed.Context.Render<VersionPage>(parameters => parameters.Add(p => p.Number, 1));
        older.WaitForAssertion(() => Assert.False(older.Find("#rollback").HasAttribute("disabled")), Patience);
        Assert.Empty(older.FindAll("#rollback-reason"));

        // Not awaited: the click's handler waits for the dialog's answer, which the test gives next.
        older.Find("#rollback").Click();
        providers.Dialogs.WaitForElement("#rollback-confirm", Patience);
        Assert.Contains("a new version, v3, whose files are exactly those of v1", Normalized(providers.Dialogs.Find("#rollback-explanation").TextContent), StringComparison.Ordinal);
        await providers.Dialogs.Find("#rollback-note").InputAsync(new() { Value = "v2 rhymes too much." });
        await providers.Dialogs.Find("#rollback-confirm").ClickAsync(new());

        older.WaitForAssertion(() => Assert.Equal("Rolled back to v1 as v3 and pushed.", older.Find("#version-command-result .version-command-message").TextContent), Patience);
        Assert.Equal("versions/3", older.Find("#version-command-result .version-command-link").GetAttribute("href"));
        // v3 repeats v1, so the branch already serves v1's files: rolling back to v1 again is refused before a click.
        older.WaitForAssertion(() => Assert.True(older.Find("#rollback").HasAttribute("disabled")), Patience);
        Assert.Equal("The current version, v3, already serves these files.", older.Find("#rollback-reason").TextContent);
        var v3 = (await bed.Versions.HistoryAsync())[0].Version;
        Assert.Equal((3, 1, "v2 rhymes too much.", PushState.Pushed), (v3.Number, v3.RollbackOf, v3.Note, v3.PushState));
    }

    private static string Normalized(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
