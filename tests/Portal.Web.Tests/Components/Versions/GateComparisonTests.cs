using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Training;
using Portal.Web.Components.Pages.Retrain;
using Portal.Web.Tests.Components.Versions.Support;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Components.Versions;

/// <summary>
/// The gate's comparison needs models that load and write: the two trained candidates the version tests share
/// (one that learned, one that barely moved), copied in as this bed's jobs' candidates. No training of its own.
/// </summary>
[Collection(VersionRuns.Name)]
public sealed class GateComparisonTests(TrainedCandidates trained)
{
    /// <summary>Two models loaded and run on a CPU that may be busy with a build: long, and only a guard against a hang.</summary>
    private static readonly TimeSpan ModelPatience = TimeSpan.FromMinutes(3);

    private const string GoldenPrompt = "Storytelling verse about a night bus home";

    [Fact]
    public async Task TheGateShowsTheCandidateAgainstTheCurrentVersionOnHeldOutVersesAndGoldenPrompts()
    {
        await using var models = trained.Start();
        await using var bed = await VersionsTestBed.CreateAsync();
        var root = await bed.AddUserAsync("root", admin: true);
        await bed.AddVersesAsync(root);
        Assert.Equal(GoldenPromptAddResult.Added, await bed.Context.Services.GetRequiredService<IGoldenPromptStore>().AddAsync(root.UserId, GoldenPrompt));
        var barelyTrained = Path.Combine(models.DataDirectory, trained.Failing.CandidatePath!);
        var learned = Path.Combine(models.DataDirectory, trained.Passing.CandidatePath!);
        await bed.PromoteAsync(root, await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics, barelyTrained));
        var candidate = await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics, learned);
        bed.SignIn(root);

        var page = bed.Context.Render<JobPage>(parameters => parameters.Add(p => p.Id, candidate.Id));

        // The models load off the page's thread: first a progress bar, with the form already usable.
        page.WaitForElement("#gate-comparison-running", TimeSpan.FromSeconds(30));
        Assert.False(page.Find("#promote").HasAttribute("disabled"));
        page.WaitForElement("#gate-comparison", ModelPatience);
        Assert.Empty(page.FindAll("#gate-comparison-running"));
        Assert.Empty(page.FindAll("#gate-comparison-error"));

        // Three verses: the split holds one out, the same one for both models.
        Assert.Equal("1", page.Find("#gate-held-out").TextContent);
        var current = Loss(page.Find("#gate-current-loss").TextContent);
        var challenger = Loss(page.Find("#gate-candidate-loss").TextContent);
        Assert.NotEqual(current, challenger);
        Assert.Contains("v1", page.Find("#gate-comparison").TextContent, StringComparison.Ordinal);

        var prompt = Assert.Single(page.FindAll("#gate-prompts .gate-prompt"));
        Assert.Equal(GoldenPrompt, prompt.QuerySelector(".gate-prompt-text")!.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(prompt.QuerySelector("pre.gate-current")!.TextContent));
        Assert.False(string.IsNullOrWhiteSpace(prompt.QuerySelector("pre.gate-candidate")!.TextContent));
    }

    /// <summary>Three decimals, as every loss in the portal.</summary>
    private static double Loss(string text)
    {
        Assert.Matches(@"^\d+\.\d{3}$", text);
        return double.Parse(text, CultureInfo.InvariantCulture);
    }
}
