using System.Globalization;
using Bunit;
using Portal.Web.Tests.Components.Playground.Support;
using Portal.Web.Tests.Versions;
using static Portal.Web.Tests.Components.Playground.Support.PlaygroundPageDriver;

namespace Portal.Web.Tests.Components.Playground;

[Collection(VersionRuns.Name)]
public sealed class PlaygroundDraftTests(TrainedCandidates trained)
{
    private const string Prompt = "Storytelling verse 4 about the market at night";

    private const string EditedLyrics =
        "Market lamps are swinging where the fish stalls close\n" +
        "Crates of lemons stacked like a choir in rows\n" +
        "The last bus sighs and folds its doors for me\n" +
        "I keep the change and half a melody";

    [Fact]
    public async Task AnOutputSavedAsADraftBecomesTheWritersVerseLeftOutOfTraining()
    {
        await using var bed = await PlaygroundTestBed.CreateAsync(trained);
        await bed.CandidateAsync(bed.LearnedModel);
        var providers = bed.RenderProviders();
        var page = bed.RenderPage();
        page.WaitUntilLoaded();
        await page.TypePromptAsync(Prompt);
        await page.SetGreedyAsync(32);
        await page.GenerateAsync();
        page.WaitForRunFinished();
        var output = Assert.Single(page.Outputs());
        var written = TextOf(output);

        // Not awaited: the button's handler waits for the dialog to close.
        output.QuerySelector(".output-save-draft")!.Click();

        var dialogs = providers.Dialogs;
        dialogs.WaitForElement("#draft-save", Patience);
        Assert.Equal(Prompt, dialogs.Find("#draft-prompt").GetAttribute("value"));
        Assert.Equal(written.Trim(), dialogs.Find("#draft-lyrics").GetAttribute("value"));
        await dialogs.Find("#draft-lyrics").InputAsync(new() { Value = EditedLyrics });
        await dialogs.Find("#draft-save").ClickAsync(new());

        page.WaitForElement(".output-draft-saved", Patience);
        Assert.Empty(dialogs.FindAll("#draft-save"));
        var id = int.Parse(page.Find(".output-draft-link").GetAttribute("data-verse")!, CultureInfo.InvariantCulture);
        Assert.Contains($"verse #{id}", page.Find(".output-draft-saved").TextContent, StringComparison.Ordinal);
        Assert.Contains("excluded from training", page.Find(".output-draft-saved").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll(".output-save-draft"));
        var verse = await bed.Verses.FindAsync(id);
        Assert.NotNull(verse);
        Assert.Equal(Prompt, verse.Text.Prompt);
        Assert.Equal(EditedLyrics, verse.Text.Lyrics);
        Assert.Equal(bed.Ana.UserId, verse.AuthorId);
        Assert.False(verse.IncludeInTraining);
        Assert.Contains("draft", verse.Text.Tags);
    }

    [Fact]
    public async Task ADraftTheLibraryRefusesKeepsTheDialogOpenWithTheReasonAndTheText()
    {
        await using var bed = await PlaygroundTestBed.CreateAsync(trained);
        await bed.CandidateAsync(bed.LearnedModel);
        var providers = bed.RenderProviders();
        var page = bed.RenderPage();
        page.WaitUntilLoaded();
        await page.TypePromptAsync(Prompt);
        await page.SetGreedyAsync(16);
        await page.GenerateAsync();
        page.WaitForRunFinished();

        page.Outputs()[0].QuerySelector(".output-save-draft")!.Click();
        var dialogs = providers.Dialogs;
        dialogs.WaitForElement("#draft-save", Patience);
        await dialogs.Find("#draft-prompt").InputAsync(new() { Value = "" });
        await dialogs.Find("#draft-lyrics").InputAsync(new() { Value = EditedLyrics });
        await dialogs.Find("#draft-save").ClickAsync(new());

        dialogs.WaitForElement("#draft-error", Patience);
        Assert.False(string.IsNullOrWhiteSpace(dialogs.Find("#draft-error").TextContent));
        Assert.Equal(EditedLyrics, dialogs.Find("#draft-lyrics").GetAttribute("value"));
        Assert.Empty(page.FindAll(".output-draft-saved"));
        Assert.Equal(3, (await bed.Verses.StatsAsync()).Verses);
    }
}
