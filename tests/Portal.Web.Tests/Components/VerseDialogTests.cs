using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Core.Access;
using Portal.Core.Verses;
using Portal.Web.Components.Pages.Verses;
using Portal.Web.Tests.Components.Support;
using static Portal.Web.Tests.Components.Support.LibraryVerses;

namespace Portal.Web.Tests.Components;

/// <summary>The verse dialog, opened through IDialogService the way the Verses page opens it.</summary>
public sealed class VerseDialogTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TheDialogShowsLiveLintAndTheBarCount()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        var (dialog, _) = await ShowAsync(bed, ana);

        dialog.Find("#verse-prompt").Input(ChessPrompt);
        dialog.Find("#verse-lyrics").Input("Only two bars in this one\nNot enough to train on");

        dialog.WaitForAssertion(() => Assert.NotEmpty(dialog.FindAll("[data-lint-code='bars-few']")), Patience);
        Assert.Equal("2 bars", dialog.Find("#verse-lyrics-helper-text").TextContent.Trim());
        Assert.Contains("2 bars", dialog.Find("[data-lint-code='bars-few']").TextContent, StringComparison.Ordinal);

        // Lint follows the text: with four bars the finding goes away.
        dialog.Find("#verse-lyrics").Input(ChessLyrics);
        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-lint-code='bars-few']")), Patience);
        Assert.Equal("4 bars", dialog.Find("#verse-lyrics-helper-text").TextContent.Trim());
    }

    [Fact]
    public async Task ANearCopyOfAnExistingVerseIsFlaggedAsNearDuplicate()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        var original = await bed.AddVerseAsync(ana, HarbourPrompt, HarbourLyrics);
        var (dialog, _) = await ShowAsync(bed, ana);

        dialog.Find("#verse-prompt").Input("A different prompt about the same harbour");
        dialog.Find("#verse-lyrics").Input(HarbourLyrics.Replace("steady hand", "patient hand", StringComparison.Ordinal));

        dialog.WaitForAssertion(() => Assert.NotEmpty(dialog.FindAll("[data-lint-code='near-duplicate']")), Patience);
        Assert.Contains($"#{original.Id}", dialog.Find("[data-lint-code='near-duplicate']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnrelatedVerseIsNotFlaggedAsNearDuplicate()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVerseAsync(ana, HarbourPrompt, HarbourLyrics);
        var (dialog, _) = await ShowAsync(bed, ana);

        dialog.Find("#verse-prompt").Input(KitchenPrompt);
        dialog.Find("#verse-lyrics").Input(string.Join('\n', KitchenLyrics.Split('\n').Take(3)));

        // bars-few proves that lint has seen these lyrics; only then does the absence of near-duplicate mean anything.
        dialog.WaitForAssertion(() => Assert.NotEmpty(dialog.FindAll("[data-lint-code='bars-few']")), Patience);
        Assert.Empty(dialog.FindAll("[data-lint-code='near-duplicate']"));
    }

    [Fact]
    public async Task SavingAVerseWithAnEmptyPromptShowsTheErrorAndStoresNothing()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        var (dialog, reference) = await ShowAsync(bed, ana);

        await dialog.TypeAsync("#verse-lyrics", ChessLyrics);
        dialog.Find("#verse-save").Click();

        dialog.WaitForAssertion(() => Assert.Contains("prompt is empty", dialog.Find("#verse-errors").TextContent, StringComparison.Ordinal), Patience);
        Assert.NotEmpty(dialog.FindAll("#verse-save"));
        Assert.False(reference.Result.IsCompleted, "The dialog should stay open for the writer to fix the verse.");
        Assert.Empty(await bed.Verses.ListAsync(new()));
    }

    [Fact]
    public async Task SavingAValidVerseClosesTheDialogWithTheStoredVerse()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        var (dialog, reference) = await ShowAsync(bed, ana);

        await dialog.TypeAsync("#verse-prompt", KitchenPrompt);
        await dialog.TypeAsync("#verse-lyrics", KitchenLyrics);
        dialog.Find("#verse-save").Click();

        var result = await reference.Result.WaitAsync(Patience);
        var saved = Assert.IsType<Verse>(result!.Data);
        Assert.False(result.Canceled);
        var stored = Assert.Single(await bed.Verses.ListAsync(new()));
        Assert.Equal(saved.Id, stored.Id);
        Assert.Equal(KitchenPrompt, stored.Text.Prompt);
        Assert.Equal(KitchenLyrics, stored.Text.Lyrics);
    }

    [Fact]
    public async Task SaveRightAfterTypingStoresTheLastKeystroke()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        var (dialog, reference) = await ShowAsync(bed, ana);

        // No blur and no pause: Save must still see every keystroke, not the text of a moment ago.
        dialog.Find("#verse-prompt").Input(KitchenPrompt);
        dialog.Find("#verse-lyrics").Input(KitchenLyrics);
        dialog.Find("#verse-lyrics").Input(KitchenLyrics + "\nOne more bar typed just before Save");
        dialog.Find("#verse-save").Click();

        await reference.Result.WaitAsync(Patience);
        var stored = Assert.Single(await bed.Verses.ListAsync(new()));
        Assert.EndsWith("One more bar typed just before Save", stored.Text.Lyrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavingOverANewerRevisionShowsTheConflictAndASecondSaveOverwrites()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        var verse = await bed.AddVerseAsync(ana, ChessPrompt, ChessLyrics);
        var (dialog, reference) = await ShowAsync(bed, ana, verse);
        dialog.WaitForElement("#verse-save", Patience);

        // Someone else saves while the dialog is open.
        var theirs = await bed.Verses.UpdateAsync(verse.Id, new VerseText(ChessPrompt + " (their edit)", ChessLyrics, []), true, verse.Revision, ana);
        Assert.True(theirs.Succeeded, theirs.Message);
        await dialog.TypeAsync("#verse-prompt", ChessPrompt + " (my edit)");
        dialog.Find("#verse-save").Click();

        dialog.WaitForAssertion(() => Assert.Contains("their edit", dialog.Find("#verse-conflict").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal(ChessPrompt + " (their edit)", (await bed.Verses.FindAsync(verse.Id))!.Text.Prompt);

        dialog.Find("#verse-save").Click();
        await reference.Result.WaitAsync(Patience);
        Assert.Equal(ChessPrompt + " (my edit)", (await bed.Verses.FindAsync(verse.Id))!.Text.Prompt);
    }

    private static async Task<(IRenderedComponent<MudDialogProvider> Dialog, IDialogReference Reference)> ShowAsync(ComponentTestBed bed, Actor actor, Verse? existing = null)
    {
        var providers = bed.RenderProviders();
        var dialogs = bed.Context.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<VerseDialog> { { d => d.Actor, actor }, { d => d.Existing, existing } };
        var reference = await providers.Dialogs.InvokeAsync(() => dialogs.ShowAsync<VerseDialog>("Verse", parameters));
        providers.Dialogs.WaitForElement("#verse-prompt", Patience);
        return (providers.Dialogs, reference);
    }
}
