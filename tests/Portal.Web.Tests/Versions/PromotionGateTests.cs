using Portal.Core.Versions;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Versions;

/// <summary>What an admin sees before promoting: the gate's blockers and failed items, and the side-by-side comparison.</summary>
[Collection(VersionRuns.Name)]
public sealed class PromotionGateTests(TrainedCandidates trained)
{
    [Fact]
    public async Task TheGateListsFailedItemsAndRefusesACandidateThatIsAlreadyAVersion()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();

        var failing = await portal.Versions.GateAsync(trained.Failing.Id);
        await admin.PromoteAsync(trained.Passing.Id);
        var promoted = await portal.Versions.GateAsync(trained.Passing.Id);
        var afterwards = await portal.Versions.GateAsync(trained.Failing.Id);

        Assert.Null(failing!.Blocker);
        Assert.Null(failing.Current);
        Assert.Equal(PromotionRules.FailedItems(trained.Failing.Checklist), failing.FailedItems);
        Assert.Equal("This candidate is already v1.", promoted!.Blocker);
        Assert.Equal(1, afterwards!.Current?.Number);
        Assert.Null(await portal.Versions.GateAsync(999));
    }

    [Fact]
    public async Task TheComparisonScoresBothModelsOnHeldOutVersesAndPromptsWithTheSameSeed()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();

        var alone = await portal.Versions.CompareAsync(trained.Failing.Id);
        await admin.PromoteAsync(trained.Passing.Id);
        var compared = await portal.Versions.CompareAsync(trained.Failing.Id);
        var again = await portal.Versions.CompareAsync(trained.Failing.Id);

        Assert.Null(alone.CurrentLoss);
        Assert.NotNull(alone.CandidateLoss);
        Assert.All(alone.Prompts, p => Assert.Null(p.Current));
        Assert.True(compared.HeldOutVerses >= 1);
        // The barely trained candidate does worse than the current version on verses neither trained on.
        Assert.True(compared.CurrentLoss < compared.CandidateLoss, $"current {compared.CurrentLoss}, candidate {compared.CandidateLoss}");
        Assert.Equal(3, compared.Prompts.Count);
        Assert.All(compared.Prompts, p => Assert.NotNull(p.Current));
        // Same seed, same model: the candidate writes the same words whatever it is compared with.
        Assert.Equal(alone.Prompts.Select(p => p.Candidate), compared.Prompts.Select(p => p.Candidate));
        Assert.Same(compared, again);
    }
}
