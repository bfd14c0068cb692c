using Bunit;
using Portal.Web.Components.Pages.Playground;
using Portal.Web.Tests.Components.Support;

namespace Portal.Web.Tests.Components.Playground;

public sealed class PlaygroundEmptyStateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WithNoModelThePagePointsToRetrainInsteadOfShowingAFormThatCannotRun()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVerseAsync(ana, LibraryVerses.HarbourPrompt, LibraryVerses.HarbourLyrics);
        bed.SignIn(ana);

        var page = bed.Context.Render<PlaygroundPage>();

        page.WaitForElement("#no-models", Patience);
        Assert.Contains("no model to try yet", page.Find("#no-models").TextContent, StringComparison.Ordinal);
        Assert.Equal("retrain", page.Find("#no-models-retrain").GetAttribute("href"));
        Assert.Empty(page.FindAll("#playground-prompt"));
        Assert.Empty(page.FindAll("#model-picker"));
        Assert.Empty(page.FindAll("#playground-generate"));
    }
}
