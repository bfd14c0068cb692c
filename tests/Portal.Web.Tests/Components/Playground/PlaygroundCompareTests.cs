using Bunit;
using Microsoft.AspNetCore.Components;
using Portal.Core.Playground;
using Portal.Web.Tests.Components.Playground.Support;
using Portal.Web.Tests.Versions;
using static Portal.Web.Tests.Components.Playground.Support.PlaygroundPageDriver;

namespace Portal.Web.Tests.Components.Playground;

/// <summary>The live version (the model that learned) against a candidate that barely moved, on the same prompt and seed.</summary>
[Collection(VersionRuns.Name)]
public sealed class PlaygroundCompareTests(TrainedCandidates trained)
{
    private const string Prompt = "Storytelling verse 3 about the rooftop at night";

    [Fact]
    public async Task TwoModelsWriteSideBySideEachInItsOwnColumn()
    {
        await using var bed = await PlaygroundTestBed.CreateAsync(trained);
        var live = await bed.PromoteAsync(await bed.CandidateAsync(bed.LearnedModel));
        var candidate = await bed.CandidateAsync(bed.BarelyTrainedModel);
        var labels = (await bed.Playground.ModelsAsync()).ToDictionary(m => m.Choice.ToString(), m => m.Label);
        var page = await RenderTwoModelsAsync(bed, ModelChoice.ForCandidate(candidate.Id));

        await page.GenerateAsync();

        page.WaitForRunFinished();
        var outputs = page.Outputs();
        Assert.Equal(2, outputs.Count);
        // In the order the models are listed, each named, each in a half-width column that takes the full width on a narrow screen.
        Assert.Equal([ModelChoice.ForVersion(live.Number).ToString(), ModelChoice.ForCandidate(candidate.Id).ToString()], outputs.Select(o => o.GetAttribute("data-model")));
        Assert.Equal(outputs.Select(o => labels[o.GetAttribute("data-model")!]), outputs.Select(NameOf));
        Assert.All(outputs, output =>
        {
            var column = output.ParentElement!;
            Assert.Contains("mud-grid-item-xs-12", column.ClassList);
            Assert.Contains("mud-grid-item-md-6", column.ClassList);
            Assert.NotNull(output.QuerySelector(".output-figures"));
        });
        Assert.NotEqual(TextOf(outputs[0]), TextOf(outputs[1]));
        var record = Assert.Single(await bed.Playground.HistoryAsync(bed.Ana));
        Assert.Equal(outputs.Select(TextOf), record.Outputs.Select(o => o.Text));
        // Voting belongs to blind comparisons only.
        Assert.Empty(page.FindAll(".output-vote"));
    }

    [Fact]
    public async Task BlindModeHidesTheModelsUntilTheWriterPicksOneThenRevealsThemAndRecordsTheVote()
    {
        await using var bed = await PlaygroundTestBed.CreateAsync(trained);
        var liveJob = await bed.CandidateAsync(bed.LearnedModel);
        var live = await bed.PromoteAsync(liveJob);
        var candidate = await bed.CandidateAsync(bed.BarelyTrainedModel);
        var models = await bed.Playground.ModelsAsync();
        var page = await RenderTwoModelsAsync(bed, ModelChoice.ForCandidate(candidate.Id));
        await page.Find("#playground-blind input").ChangeAsync(new ChangeEventArgs { Value = true });

        await page.GenerateAsync();

        page.WaitForRunFinished();
        var outputs = page.Outputs();
        Assert.Equal(["Output A", "Output B"], outputs.Select(NameOf));
        var run = page.Find("#playground-run");
        Assert.All(models, model => Assert.DoesNotContain(model.Label, run.TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("data-model", run.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(2, page.FindAll(".output-vote").Count);
        // The test tells the outputs apart by their text once the names show.
        Assert.NotEqual(TextOf(outputs[0]), TextOf(outputs[1]));
        Assert.Empty(await bed.Playground.VoteTalliesAsync());

        var picked = page.Outputs()[1];
        var pickedText = TextOf(picked);
        await picked.QuerySelector(".output-vote")!.ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Vote recorded", page.Find("#vote-result").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll(".output-vote"));
        outputs = page.Outputs();
        var winner = outputs.Single(o => TextOf(o) == pickedText);
        var loser = outputs.Single(o => TextOf(o) != pickedText);
        Assert.NotNull(winner.QuerySelector(".output-winner"));
        Assert.Null(loser.QuerySelector(".output-winner"));
        var winnerModel = models.Single(m => m.Label == NameOf(winner));
        var loserModel = models.Single(m => m.Label == NameOf(loser));
        Assert.Equal(winnerModel.Choice.ToString(), winner.GetAttribute("data-model"));
        Assert.Contains(winnerModel.Label, page.Find("#vote-result").TextContent, StringComparison.Ordinal);
        Assert.Equal(new[] { liveJob.Id, candidate.Id }.Order(), new[] { winnerModel.JobId, loserModel.JobId }.Order());

        // The vote counts for the job that trained the picked model, and a contest without a win for the other.
        var tallies = await bed.Playground.VoteTalliesAsync();
        Assert.Equal(new VoteTally(1, 1), tallies[winnerModel.JobId]);
        Assert.Equal(new VoteTally(1, 0), tallies[loserModel.JobId]);
        Assert.Equal(ModelChoice.ForVersion(live.Number), models[0].Choice);
    }

    /// <summary>The page with the live version (picked by default) and <paramref name="second"/> picked, on a fixed seed and greedy settings.</summary>
    private static async Task<IRenderedComponent<Portal.Web.Components.Pages.Playground.PlaygroundPage>> RenderTwoModelsAsync(PlaygroundTestBed bed, ModelChoice second)
    {
        var page = bed.RenderPage();
        page.WaitUntilLoaded();
        Assert.Empty(page.FindAll("#playground-blind"));
        await page.ToggleModelAsync(second, on: true);
        page.WaitForElement("#playground-blind", Patience);
        await page.TypePromptAsync(Prompt);
        await page.SetGreedyAsync(24);
        return page;
    }
}
