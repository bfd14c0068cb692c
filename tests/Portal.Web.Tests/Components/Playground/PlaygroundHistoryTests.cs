using System.Globalization;
using Bunit;
using Portal.Web.Tests.Components.Playground.Support;
using Portal.Web.Tests.Versions;
using static Portal.Web.Tests.Components.Playground.Support.PlaygroundPageDriver;

namespace Portal.Web.Tests.Components.Playground;

[Collection(VersionRuns.Name)]
public sealed class PlaygroundHistoryTests(TrainedCandidates trained)
{
    private const string Prompt = "Storytelling verse 1 about the harbour at night";

    [Fact]
    public async Task ARunShowsInTheHistoryAndRunningItAgainRefillsTheFormWithItsSeedLockedAndWritesTheSameText()
    {
        await using var bed = await PlaygroundTestBed.CreateAsync(trained);
        var job = await bed.CandidateAsync(bed.LearnedModel);
        var page = bed.RenderPage();
        page.WaitUntilLoaded();
        Assert.NotNull(page.Find("#no-history"));
        await page.TypePromptAsync(Prompt);
        await page.SetAsync("sampling-temperature", "0.9");
        await page.SetAsync("sampling-top-k", "7");
        await page.SetAsync("sampling-max-new-tokens", "24");
        Assert.False(page.Find("#sampling-seed-lock input").IsChecked());

        await page.GenerateAsync();

        page.WaitForRunFinished();
        var first = TextOf(Assert.Single(page.Outputs()));
        var record = Assert.Single(await bed.Playground.HistoryAsync(bed.Ana));
        var seed = record.Settings.Seed.ToString(CultureInfo.InvariantCulture);
        // The seed the run drew is shown, ready to be locked.
        page.WaitForAssertion(() => Assert.Equal(seed, page.Find("#sampling-seed").GetAttribute("value")), Patience);
        Assert.Contains(seed, page.Find("#run-seed").TextContent, StringComparison.Ordinal);
        var row = Assert.Single(page.FindAll(".history-run"));
        Assert.Equal(Prompt, row.QuerySelector(".history-prompt")!.TextContent);
        Assert.Equal($"job {job.Id} candidate", row.QuerySelector(".history-models")!.TextContent);
        var settings = row.QuerySelector(".history-settings")!.TextContent;
        Assert.Contains("temperature 0.9", settings, StringComparison.Ordinal);
        Assert.Contains("top-k 7", settings, StringComparison.Ordinal);
        Assert.Contains("24 tokens", settings, StringComparison.Ordinal);
        Assert.Contains("seed " + seed, settings, StringComparison.Ordinal);

        // The writer moves on, then goes back to that run.
        await page.TypePromptAsync("Battle verse about a chess club");
        await page.SetAsync("sampling-top-k", "3");
        await page.SetAsync("sampling-temperature", "1.3");
        await page.Find(".history-run-again").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".history-run").Count), ModelPatience);
        page.WaitForRunFinished();
        Assert.Equal(Prompt, page.Prompt());
        Assert.Equal("7", page.Find("#sampling-top-k").GetAttribute("value"));
        Assert.Equal("0.9", page.Find("#sampling-temperature").GetAttribute("value"));
        Assert.Equal(seed, page.Find("#sampling-seed").GetAttribute("value"));
        Assert.True(page.Find("#sampling-seed-lock input").IsChecked());
        Assert.Equal(first, TextOf(Assert.Single(page.Outputs())));
        var history = await bed.Playground.HistoryAsync(bed.Ana);
        Assert.Equal(record.Settings with { Stop = [] }, history[0].Settings with { Stop = [] });
        Assert.Equal(record.Outputs[0].Text, history[0].Outputs[0].Text);
    }
}
