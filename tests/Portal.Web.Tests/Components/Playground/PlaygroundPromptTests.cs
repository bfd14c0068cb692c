using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Training;
using Portal.Web.Options;
using Portal.Web.Tests.Components.Playground.Support;
using Portal.Web.Tests.Components.Support;
using Portal.Web.Tests.Versions;
using static Portal.Web.Tests.Components.Playground.Support.PlaygroundPageDriver;

namespace Portal.Web.Tests.Components.Playground;

/// <summary>Where a prompt can come from besides typing: the golden prompts and the verse library.</summary>
[Collection(VersionRuns.Name)]
public sealed class PlaygroundPromptTests(TrainedCandidates trained)
{
    private const string GoldenPrompt = "Storytelling verse about a night bus home";

    [Fact]
    public async Task PickingAGoldenPromptPutsItInThePromptBox()
    {
        await using var bed = await PlaygroundTestBed.CreateAsync(trained);
        await bed.CandidateAsync(bed.LearnedModel);
        Assert.Equal(GoldenPromptAddResult.Added, await bed.Context.Services.GetRequiredService<IGoldenPromptStore>().AddAsync(bed.Root.UserId, GoldenPrompt));
        var limit = bed.Context.Services.GetRequiredService<IOptions<PlaygroundOptions>>().Value.Limits.MaxPromptChars;
        var page = bed.RenderPage();
        page.WaitUntilLoaded();
        Assert.Equal($"0 / {limit} characters", page.Find("#playground-prompt-counter").TextContent);

        await page.Find(".golden-prompt-pick").ClickAsync(new());

        Assert.Equal(GoldenPrompt, page.Prompt());
        Assert.Equal($"{GoldenPrompt.Length} / {limit} characters", page.Find("#playground-prompt-counter").TextContent);
    }

    [Fact]
    public async Task SearchingTheLibraryOffersVersesAndPickingOneTakesItsPrompt()
    {
        await using var bed = await PlaygroundTestBed.CreateAsync(trained);
        await bed.CandidateAsync(bed.LearnedModel);
        var providers = bed.RenderProviders();
        var page = bed.RenderPage();
        page.WaitUntilLoaded();

        // "cardamom" is only in the kitchen verse's lyrics.
        await page.Find("#playground-verse-picker").InputAsync(new ChangeEventArgs { Value = "cardamom" });

        providers.Popovers.WaitForAssertion(() => Assert.Single(providers.Popovers.FindAll(".mud-list-item")), Patience);
        Assert.Contains(LibraryVerses.KitchenPrompt, providers.Popovers.Find(".mud-list-item").TextContent, StringComparison.Ordinal);
        await providers.Popovers.Find(".mud-list-item").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal(LibraryVerses.KitchenPrompt, page.Prompt()), Patience);
    }
}
