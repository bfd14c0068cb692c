using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Services.Versions;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Playground;

/// <summary>The models a writer picks from, and which one a request naming none gets: the one the serving app runs.</summary>
[Collection(VersionRuns.Name)]
public sealed class ModelListTests(TrainedCandidates trained)
{
    [Fact]
    public async Task TheVersionTheServingAppRunsIsLiveAndFirstThenOtherVersionsNewestFirstThenUnpromotedCandidates()
    {
        await using var serving = await FakeServingApp.StartAsync();
        await using var portal = trained.Start(settings: new Dictionary<string, string>
        {
            ["Portal:Deploy:ServingEndpoints:0"] = serving.Url,
            // The monitor's own timer stays out of the way: the test polls once it has set the answer.
            ["Portal:Deploy:ServingPollSeconds"] = "86400",
        });
        var monitor = portal.Portal.Services.GetRequiredService<ServingStatusMonitor>();
        using var admin = portal.CreateAdminClient();
        var playground = portal.Playground();
        var greedy = new { prompt = Corpus.Prompt(2), temperature = 0.0, version = (int?)null };

        var v1 = await admin.PromoteAsync(trained.Passing.Id);
        serving.Serve(1, v1.CommitSha);
        await monitor.PollOnceAsync();
        var afterV1 = await playground.ModelsAsync();
        await admin.PromoteAsync(trained.Failing.Id, "Trying the rough one", overrideChecklist: true);
        var whileV1Serves = await playground.ModelsAsync();
        var unnamed = await admin.GenerateAsync(greedy);
        var rollback = await admin.RollbackAsync(1, "v2 rambles");
        serving.Serve(1, rollback.CommitSha);
        await monitor.PollOnceAsync();
        var afterRollback = await playground.ModelsAsync();
        var fromV3 = await admin.GenerateAsync(greedy with { version = 3 });
        var fromV1 = await admin.GenerateAsync(greedy with { version = 1 });

        Assert.Equal(["v1 · live", $"job {trained.Failing.Id} candidate"], afterV1.Select(m => m.Label));
        Assert.Equal([trained.Passing.Id, trained.Failing.Id], afterV1.Select(m => m.JobId));
        // v2 is newer, but the serving app still runs v1: that is what a request naming no model gets.
        Assert.Equal(["v1 · live", "v2"], whileV1Serves.Select(m => m.Label));
        Assert.Equal("v1", unnamed.Model);
        Assert.Equal(["v3 · live", "v2", "v1"], afterRollback.Select(m => m.Label));
        Assert.Equal("Rollback to v1: v2 rambles", afterRollback[0].Description);
        Assert.Equal(trained.Passing.Id, afterRollback[0].JobId);
        Assert.Equal(fromV1.Text, fromV3.Text);
    }
}
