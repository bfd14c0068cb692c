using Bunit;
using Portal.Web.Components.Pages.Verses;
using Portal.Web.Tests.Components.Support;
using static Portal.Web.Tests.Components.Support.LibraryVerses;

namespace Portal.Web.Tests.Components;

public sealed class VersesPageTests
{
    // The grid loads after the first render and the machine may be busy with a build: generous, never a sleep.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TheGridShowsStoredVersesAndTheStatsBarCountsThem()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        var ben = await bed.AddUserAsync("ben");
        await bed.AddVerseAsync(ana, HarbourPrompt, HarbourLyrics);
        await bed.AddVerseAsync(ana, ChessPrompt, ChessLyrics);
        var kitchen = await bed.AddVerseAsync(ben, KitchenPrompt, KitchenLyrics);
        await bed.Verses.SetIncludedAsync([kitchen.Id], include: false, ben);
        bed.SignIn(ana);
        bed.RenderProviders();

        var page = bed.Context.Render<VersesPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.Rows().Count), Patience);
        Assert.Equal(
            [new VerseRow(ChessPrompt, 4, "ana"), new VerseRow(KitchenPrompt, 4, "ben"), new VerseRow(HarbourPrompt, 8, "ana")],
            page.Rows().OrderBy(r => r.Prompt, StringComparer.Ordinal));
        Assert.Equal(("3", "2 in training"), page.Stat("stat-verses"));
        Assert.Equal(("16", "12 in training"), page.Stat("stat-bars"));
    }

    [Fact]
    public async Task TypingInTheSearchBoxFiltersTheRows()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        var page = await RenderThreeOwnVersesAsync(bed);

        // "cardamom" is only in the kitchen verse's lyrics, so this also shows that search reads lyrics, not just prompts.
        page.Find("#verse-search").Input("cardamom");

        page.WaitForAssertion(() => Assert.Equal([KitchenPrompt], page.Prompts()), Patience);
        page.Find("#verse-search").Input("no verse says this");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#no-verses")), Patience);
        Assert.Empty(page.Rows());
    }

    [Fact]
    public async Task AddingAVerseThroughTheDialogStoresItAndShowsItInTheGrid()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVerseAsync(ana, HarbourPrompt, HarbourLyrics);
        bed.SignIn(ana);
        var providers = bed.RenderProviders();
        var page = bed.Context.Render<VersesPage>();
        page.WaitForAssertion(() => Assert.Single(page.Rows()), Patience);

        page.Find("#add-verse").Click();
        var dialog = providers.Dialogs;
        dialog.WaitForElement("#verse-prompt", Patience);
        await dialog.TypeAsync("#verse-prompt", ChessPrompt);
        await dialog.TypeAsync("#verse-lyrics", ChessLyrics);
        await dialog.TypeAsync("#verse-tags", "battle, wordplay");
        dialog.Find("#verse-save").Click();

        page.WaitForAssertion(() => Assert.Contains(new VerseRow(ChessPrompt, 4, "ana"), page.Rows()), Patience);
        Assert.Empty(dialog.FindAll("#verse-prompt"));
        Assert.Equal(("2", "2 in training"), page.Stat("stat-verses"));
        var stored = Assert.Single(await bed.Verses.ListAsync(new() { Search = "chess" }));
        Assert.Equal(ChessLyrics, stored.Text.Lyrics);
        Assert.Equal(["battle", "wordplay"], stored.Text.Tags);
        Assert.Equal(ana.UserId, stored.AuthorId);
        providers.Snackbars.WaitForAssertion(() => Assert.Contains($"Added verse #{stored.Id}.", providers.Snackbars.Markup, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task AWriterOpeningAnotherWritersVerseGetsAReadOnlyDialogWithoutSave()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        var ben = await bed.AddUserAsync("ben");
        var bens = await bed.AddVerseAsync(ben, KitchenPrompt, KitchenLyrics);
        await bed.AddVerseAsync(ana, HarbourPrompt, HarbourLyrics);
        bed.SignIn(ana);
        var providers = bed.RenderProviders();
        var page = bed.Context.Render<VersesPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.Rows().Count), Patience);
        Assert.Empty(page.Row(KitchenPrompt).QuerySelectorAll(".delete-verse"));
        Assert.Single(page.Row(HarbourPrompt).QuerySelectorAll(".delete-verse"));

        page.Row(KitchenPrompt).Click();

        var dialog = providers.Dialogs;
        dialog.WaitForElement("#verse-prompt", Patience);
        Assert.Contains($"Verse #{bens.Id} by ben", dialog.Find(".mud-dialog-title").TextContent, StringComparison.Ordinal);
        Assert.Empty(dialog.FindAll("#verse-save"));
        Assert.True(dialog.Find("#verse-prompt").HasAttribute("readonly"));
        Assert.True(dialog.Find("#verse-lyrics").HasAttribute("readonly"));
        Assert.Equal("Close", dialog.Find("#verse-cancel").TextContent.Trim());
    }

    [Fact]
    public async Task AWriterOpeningTheirOwnVerseCanSaveIt()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVerseAsync(ana, HarbourPrompt, HarbourLyrics);
        bed.SignIn(ana);
        var providers = bed.RenderProviders();
        var page = bed.Context.Render<VersesPage>();
        page.WaitForAssertion(() => Assert.Single(page.Rows()), Patience);

        page.Row(HarbourPrompt).Click();

        var dialog = providers.Dialogs;
        dialog.WaitForElement("#verse-save", Patience);
        Assert.False(dialog.Find("#verse-prompt").HasAttribute("readonly"));
    }

    [Fact]
    public async Task DeletingAVerseRemovesItAndUndoBringsItBack()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVerseAsync(ana, HarbourPrompt, HarbourLyrics);
        await bed.AddVerseAsync(ana, ChessPrompt, ChessLyrics);
        bed.SignIn(ana);
        var providers = bed.RenderProviders();
        var page = bed.Context.Render<VersesPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.Rows().Count), Patience);

        page.Row(ChessPrompt).QuerySelector(".delete-verse")!.Click();

        page.WaitForAssertion(() => Assert.Equal([HarbourPrompt], page.Prompts()), Patience);
        Assert.Equal("1", page.Stat("stat-verses").Value);
        Assert.Single(await bed.Verses.ListAsync(new()));
        var snackbars = providers.Snackbars;
        snackbars.WaitForElement(".mud-snackbar-action-button", Patience).Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.Rows().Count), Patience);
        Assert.Equal("2", page.Stat("stat-verses").Value);
        Assert.Equal(2, (await bed.Verses.ListAsync(new())).Count);
    }

    [Fact]
    public async Task BulkExcludeLowersTheIncludedCount()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        var page = await RenderThreeOwnVersesAsync(bed);
        Assert.Equal(("3", "3 in training"), page.Stat("stat-verses"));

        page.Row(HarbourPrompt).QuerySelector("input[type=checkbox]")!.Change(true);
        page.Row(KitchenPrompt).QuerySelector("input[type=checkbox]")!.Change(true);
        page.WaitForAssertion(() => Assert.Equal("2 selected", page.Find("#selection-count").TextContent.Trim()), Patience);
        page.Find("#bulk-exclude").Click();

        page.WaitForAssertion(() => Assert.Equal(("3", "1 in training"), page.Stat("stat-verses")), Patience);
        Assert.Equal("4 in training", page.Stat("stat-bars").Detail);
        var included = await bed.Verses.ListAsync(new() { Training = Portal.Core.Verses.TrainingFilter.Included });
        Assert.Equal([ChessPrompt], included.Select(v => v.Text.Prompt));
    }

    /// <summary>Ana signed in, looking at her three verses (harbour, chess, kitchen).</summary>
    private static async Task<IRenderedComponent<VersesPage>> RenderThreeOwnVersesAsync(ComponentTestBed bed)
    {
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVerseAsync(ana, HarbourPrompt, HarbourLyrics);
        await bed.AddVerseAsync(ana, ChessPrompt, ChessLyrics);
        await bed.AddVerseAsync(ana, KitchenPrompt, KitchenLyrics);
        bed.SignIn(ana);
        bed.RenderProviders();
        var page = bed.Context.Render<VersesPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.Rows().Count), Patience);
        return page;
    }
}
