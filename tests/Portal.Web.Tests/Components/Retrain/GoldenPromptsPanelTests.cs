using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Training;
using Portal.Web.Components.Pages.Retrain;
using Portal.Web.Tests.Components.Retrain.Support;
using Portal.Web.Tests.Components.Support;

namespace Portal.Web.Tests.Components.Retrain;

public sealed class GoldenPromptsPanelTests
{
    private const string NightBus = "Storytelling verse about a night bus home";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AddingAPromptListsItAndAddingItAgainSaysItIsThere()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        bed.SignIn(ana);
        bed.RenderProviders();
        var panel = bed.Context.Render<GoldenPromptsPanel>(parameters => parameters.Add(p => p.Actor, ana));
        panel.WaitForElement("#no-golden-prompts", Patience);

        await panel.TypeAsync("#golden-prompt-text", NightBus);
        await panel.Find("#golden-prompt-add").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Equal([NightBus], Prompts(panel)), Patience);
        Assert.StartsWith("Added.", panel.Find("#golden-prompt-message").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("", panel.Find("#golden-prompt-text").GetAttribute("value") ?? "");

        await panel.TypeAsync("#golden-prompt-text", NightBus);
        await panel.Find("#golden-prompt-add").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Equal("That prompt is already on the list.", panel.Find("#golden-prompt-message").TextContent.Trim()), Patience);
        Assert.Equal([NightBus], Prompts(panel));
    }

    [Fact]
    public async Task WritersRemoveTheirOwnPromptsButNotOthers()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        var ben = await bed.AddUserAsync("ben");
        var store = bed.Context.Services.GetRequiredService<IGoldenPromptStore>();
        Assert.Equal(GoldenPromptAddResult.Added, await store.AddAsync(ana.UserId, NightBus));
        Assert.Equal(GoldenPromptAddResult.Added, await store.AddAsync(ben.UserId, "Battle verse, wordplay on chess"));
        bed.SignIn(ana);
        bed.RenderProviders();
        var panel = bed.Context.Render<GoldenPromptsPanel>(parameters => parameters.Add(p => p.Actor, ana));
        panel.WaitForAssertion(() => Assert.Equal(2, Prompts(panel).Count), Patience);

        var bens = panel.FindAll(".golden-prompt").Single(p => p.TextContent.Contains("chess", StringComparison.Ordinal));
        Assert.Null(bens.QuerySelector(".golden-prompt-remove"));
        var anas = panel.FindAll(".golden-prompt").Single(p => p.TextContent.Contains("night bus", StringComparison.Ordinal));
        await anas.QuerySelector(".golden-prompt-remove")!.ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Equal(["Battle verse, wordplay on chess"], Prompts(panel)), Patience);
        Assert.Equal(["Battle verse, wordplay on chess"], (await store.ListAsync()).Select(p => p.Text));
    }

    private static IReadOnlyList<string> Prompts(IRenderedComponent<GoldenPromptsPanel> panel) =>
        panel.FindAll(".golden-prompt .golden-prompt-text").Select(p => p.TextContent.Trim()).ToList();
}
