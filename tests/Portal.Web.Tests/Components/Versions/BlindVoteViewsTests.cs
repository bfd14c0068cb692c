using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Playground;
using Portal.Web.Components.Pages.Retrain;
using Portal.Web.Components.Pages.Versions;
using Portal.Web.Tests.Components.Versions.Support;

namespace Portal.Web.Tests.Components.Versions;

/// <summary>The playground's blind votes on the Versions page and in the promotion gate.</summary>
public sealed class BlindVoteViewsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheHistoryShowsHowOftenAVersionWonAndTheGateHowTheCandidateFaredAgainstIt()
    {
        await using var bed = await VersionsTestBed.CreateAsync();
        var root = await bed.AddUserAsync("root", admin: true);
        await bed.AddVersesAsync(root);
        var current = await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics);
        await bed.PromoteAsync(root, current, "First one.");
        var candidate = await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics);
        var votes = bed.Context.Services.GetRequiredService<IBlindVoteStore>();
        for (var run = 1; run <= 3; run++)
        {
            var candidateWon = run != 2;
            await votes.AddAsync(new NewBlindVote(root.UserId, run, "rain on the roof", 42,
            [
                new VoteEntry(ModelChoice.ForVersion(1), current.Id, !candidateWon),
                new VoteEntry(ModelChoice.ForCandidate(candidate.Id), candidate.Id, candidateWon),
            ]));
        }
        bed.SignIn(root);

        var history = bed.Context.Render<VersionsPage>();
        history.WaitForAssertion(() => Assert.Single(history.FindAll("#version-history tr.version-row")), Patience);
        Assert.Equal("blind votes: won 1 of 3", history.Find(".version-votes").TextContent.Trim());

        var report = bed.Context.Render<JobPage>(parameters => parameters.Add(p => p.Id, candidate.Id));
        report.WaitForElement("#gate-votes-figures", Patience);
        Assert.Equal("In 3 blind comparisons writers preferred this candidate 2 times and v1 once.",
            string.Join(' ', report.Find("#gate-votes-figures").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal($"playground?models=job-{candidate.Id},v1&blind=true", report.Find("#gate-votes-playground").GetAttribute("href"));
    }

    [Fact]
    public async Task WithoutVotesTheHistoryStaysQuietAndTheGateSaysThereIsNoComparisonYet()
    {
        await using var bed = await VersionsTestBed.CreateAsync();
        var root = await bed.AddUserAsync("root", admin: true);
        await bed.AddVersesAsync(root);
        await bed.PromoteAsync(root, await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics), "First one.");
        var candidate = await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics);
        bed.SignIn(root);

        var history = bed.Context.Render<VersionsPage>();
        history.WaitForAssertion(() => Assert.Single(history.FindAll("#version-history tr.version-row")), Patience);
        Assert.Empty(history.FindAll(".version-votes"));

        var report = bed.Context.Render<JobPage>(parameters => parameters.Add(p => p.Id, candidate.Id));
        report.WaitForElement("#gate-votes-none", Patience);
        Assert.Contains("No blind comparison between this candidate and v1 yet.", report.Find("#gate-votes-none").TextContent, StringComparison.Ordinal);
    }
}
