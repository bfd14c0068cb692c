using Bunit;
using MudBlazor.Services;
using Portal.Core.Training;
using Portal.Web.Components.Pages.Retrain;

namespace Portal.Web.Tests.Components.Retrain;

public sealed class ChecklistViewTests
{
    [Fact]
    public async Task EachItemShowsWhetherItPassedFailedOrDidNotApplyWithItsFigure()
    {
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        ChecklistItem[] items =
        [
            new(RetrainChecklist.LossDropped, "Loss dropped by at least 0.3", true, "3.100 → 2.400 (−0.700, validation verses)"),
            new(RetrainChecklist.NoForgetting, "No forgetting", false, "2.000 → 2.300 (+15.0% on 4 verses)"),
            new(RetrainChecklist.ProbesSound, "Probe outputs are sound", null, "no probe prompts"),
        ];

        var view = context.Render<ChecklistView>(parameters => parameters.Add(v => v.Items, items));

        var rows = view.FindAll("li.checklist-item");
        Assert.Equal(["pass", "fail", "na"], rows.Select(r => r.GetAttribute("data-result")));
        Assert.Equal(items.Select(i => i.Key), rows.Select(r => r.GetAttribute("data-key")));
        Assert.Equal(items.Select(i => i.Title), rows.Select(r => r.QuerySelector(".checklist-title")!.TextContent.Trim()));
        Assert.Equal(items.Select(i => i.Figure), rows.Select(r => r.QuerySelector(".checklist-figure")!.TextContent.Trim()));
        Assert.Equal(["passed", "failed", "does not apply"], rows.Select(r => r.QuerySelector("svg")!.GetAttribute("aria-label")));
    }

    [Fact]
    public async Task AJobWithoutAChecklistSaysWhenItComes()
    {
        await using var context = new BunitContext();
        context.Services.AddMudServices();

        var view = context.Render<ChecklistView>(parameters => parameters.Add(v => v.Items, []));

        Assert.Empty(view.FindAll("li.checklist-item"));
        Assert.Contains("computed when a job succeeds", view.Find("#checklist-empty").TextContent, StringComparison.Ordinal);
    }
}
