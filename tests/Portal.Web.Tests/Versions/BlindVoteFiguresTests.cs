using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Playground;

namespace Portal.Web.Tests.Versions;

/// <summary>The playground's blind votes where admins decide: on each version in the history and in the promotion gate.</summary>
[Collection(VersionRuns.Name)]
public sealed class BlindVoteFiguresTests(TrainedCandidates trained)
{
    [Fact]
    public async Task VotesCastForACandidateCountForTheVersionItBecameAndTheGateShowsTheHeadToHead()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        var votes = portal.Portal.Services.GetRequiredService<IBlindVoteStore>();
        var passing = ModelChoice.ForCandidate(trained.Passing.Id);
        var failing = ModelChoice.ForCandidate(trained.Failing.Id);

        // Two picks before the promotion, while Passing was still a candidate...
        await votes.AddAsync(Vote(1, passing, failing, winner: passing));
        await votes.AddAsync(Vote(2, passing, failing, winner: failing));
        await admin.PromoteAsync(trained.Passing.Id);
        // ...and one after, against it as v1.
        await votes.AddAsync(Vote(3, ModelChoice.ForVersion(1), failing, winner: ModelChoice.ForVersion(1)));

        var v1 = Assert.Single(await admin.ListVersionsAsync());
        var gate = await portal.Versions.GateAsync(trained.Failing.Id);

        Assert.Equal(new VoteTally(3, 2), v1.BlindVotes);
        Assert.Equal(new HeadToHead(3, 1, 2), gate!.Votes);
    }

    [Fact]
    public async Task AVersionNoOneVotedOnHasNoFigures()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        await admin.PromoteAsync(trained.Passing.Id);

        var v1 = Assert.Single(await admin.ListVersionsAsync());
        var gate = await portal.Versions.GateAsync(trained.Failing.Id);

        Assert.Null(v1.BlindVotes);
        Assert.Equal(new HeadToHead(0, 0, 0), gate!.Votes);
    }

    private NewBlindVote Vote(long runId, ModelChoice first, ModelChoice second, ModelChoice winner) =>
        new("writer-1", runId, "rain on the roof", 42,
        [
            new VoteEntry(first, JobOf(first), first == winner),
            new VoteEntry(second, JobOf(second), second == winner),
        ]);

    /// <summary>v1 is Passing's model: the only version these tests promote.</summary>
    private long JobOf(ModelChoice choice) => choice.Kind == ModelKind.Version ? trained.Passing.Id : choice.Id;
}
