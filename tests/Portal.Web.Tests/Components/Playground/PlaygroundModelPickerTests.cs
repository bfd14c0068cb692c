using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Playground;
using Portal.Web.Tests.Components.Playground.Support;
using Portal.Web.Tests.Versions;
using static Portal.Web.Tests.Components.Playground.Support.PlaygroundPageDriver;

namespace Portal.Web.Tests.Components.Playground;

/// <summary>The picker lists real versions and candidates, from jobs whose candidates are the shared trained models.</summary>
[Collection(VersionRuns.Name)]
public sealed class PlaygroundModelPickerTests(TrainedCandidates trained)
{
    [Fact]
    public async Task TheLiveVersionIsListedFirstAndPickedThenOlderVersionsThenCandidates()
    {
        await using var bed = await PlaygroundTestBed.CreateAsync(trained);
        var first = await bed.PromoteAsync(await bed.CandidateAsync(bed.BarelyTrainedModel));
        var second = await bed.PromoteAsync(await bed.CandidateAsync(bed.LearnedModel));
        var candidate = await bed.CandidateAsync(bed.BarelyTrainedModel);

        var page = bed.RenderPage();
        page.WaitUntilLoaded();

        var options = page.FindAll(".model-option");
        Assert.Equal(
            [ModelChoice.ForVersion(second.Number).ToString(), ModelChoice.ForVersion(first.Number).ToString(), ModelChoice.ForCandidate(candidate.Id).ToString()],
            options.Select(o => o.GetAttribute("data-model")));
        Assert.Equal([true, false, false], options.Select(o => o.ClassList.Contains("model-option-live")));
        Assert.StartsWith(second.Tag, options[0].QuerySelector(".model-label")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("live", options[0].QuerySelector(".model-label")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("live", options[1].QuerySelector(".model-label")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([true, false, false], page.FindAll(".model-option input[type=checkbox]").Select(box => box.IsChecked()));
        // One model picked, so there is nothing to compare blind yet.
        Assert.Empty(page.FindAll("#playground-blind"));
    }

    [Fact]
    public async Task WithoutAVersionTheNewestCandidateIsPicked()
    {
        await using var bed = await PlaygroundTestBed.CreateAsync(trained);
        var older = await bed.CandidateAsync(bed.BarelyTrainedModel);
        var newer = await bed.CandidateAsync(bed.LearnedModel);

        var page = bed.RenderPage();
        page.WaitUntilLoaded();

        Assert.True(page.ModelCheckBox(ModelChoice.ForCandidate(newer.Id)).IsChecked());
        Assert.False(page.ModelCheckBox(ModelChoice.ForCandidate(older.Id)).IsChecked());
        Assert.Empty(page.FindAll(".model-option-live"));
    }

    [Fact]
    public async Task TheGatesLinkOpensWithTheCandidateAndTheCurrentVersionPickedForABlindComparison()
    {
        await using var bed = await PlaygroundTestBed.CreateAsync(trained);
        var current = await bed.PromoteAsync(await bed.CandidateAsync(bed.LearnedModel));
        var candidate = await bed.CandidateAsync(bed.BarelyTrainedModel);
        var navigation = bed.Context.Services.GetRequiredService<NavigationManager>();
        // An unknown model in the link is left out, not an error.
        navigation.NavigateTo($"playground?models=job-{candidate.Id},{current.Tag},v99&blind=true");

        var page = bed.RenderPage();
        page.WaitUntilLoaded();

        Assert.True(page.ModelCheckBox(ModelChoice.ForCandidate(candidate.Id)).IsChecked());
        Assert.True(page.ModelCheckBox(ModelChoice.ForVersion(current.Number)).IsChecked());
        Assert.True(page.Find("#playground-blind input").IsChecked());
    }
}
