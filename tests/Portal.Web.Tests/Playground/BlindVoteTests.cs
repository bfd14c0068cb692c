using Portal.Core.Playground;
using Portal.Ml.Generation.Requests;
using Portal.Web.Services.Playground;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Playground;

/// <summary>Blind votes: a writer picks among the outputs of their own comparison, once, and the pick counts for the job that trained each model.</summary>
[Collection(VersionRuns.Name)]
public sealed class BlindVoteTests(TrainedCandidates trained)
{
    [Fact]
    public async Task AWriterVotesOnceOnTheirOwnComparisonAndTheTallyCountsTheJobsBehindTheModels()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        await admin.PromoteAsync(trained.Passing.Id);
        var writer = (await portal.Portal.CreateWriterAsync("lyricist")).Actor();
        var other = (await portal.Portal.CreateWriterAsync("other")).Actor();
        var playground = portal.Playground();
        var v1 = ModelChoice.ForVersion(1);
        var rough = ModelChoice.ForCandidate(trained.Failing.Id);
        var sampling = new GenerateRequest { Prompt = "Rain on a tin roof", MaxNewTokens = 6 };

        var pair = await playground.RunAsync(writer, new PlaygroundRunRequest(sampling, [v1, rough]), null);
        var single = await playground.RunAsync(writer, new PlaygroundRunRequest(sampling, [v1]), null);

        var notTheirs = await Assert.ThrowsAsync<InvalidOperationException>(() => playground.VoteAsync(other, pair.RunId, rough));
        var alone = await Assert.ThrowsAsync<InvalidOperationException>(() => playground.VoteAsync(writer, single.RunId, v1));
        var absent = await Assert.ThrowsAsync<InvalidOperationException>(() => playground.VoteAsync(writer, pair.RunId, ModelChoice.ForCandidate(trained.Passing.Id)));
        Assert.Empty(await playground.VoteTalliesAsync());
        var first = await playground.VoteAsync(writer, pair.RunId, rough);
        var second = await playground.VoteAsync(writer, pair.RunId, v1);
        var tallies = await playground.VoteTalliesAsync();

        Assert.Contains("your own runs", notTheirs.Message);
        Assert.Contains("two or more models", alone.Message);
        Assert.Contains("did not write in this run", absent.Message);
        Assert.True(first);
        Assert.False(second);
        // v1 is the passing job's model: its vote counts there, and would still once the version is rolled back to.
        Assert.Equal(new VoteTally(1, 0), tallies[trained.Passing.Id]);
        Assert.Equal(new VoteTally(1, 1), tallies[trained.Failing.Id]);
        Assert.Equal(2, tallies.Count);
    }
}
