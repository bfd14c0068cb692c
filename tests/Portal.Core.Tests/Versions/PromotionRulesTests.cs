using Portal.Core.Training;
using Portal.Core.Versions;

namespace Portal.Core.Tests.Versions;

public sealed class PromotionRulesTests
{
    private static ChecklistItem Item(string key, bool? passed) => new(key, key, passed, "figure");

    [Fact]
    public void FailedItemsAreExactlyTheOnesThatFailedInOrder()
    {
        var failed = PromotionRules.FailedItems([Item("a", true), Item("b", false), Item("c", null), Item("d", false)]);

        Assert.Equal(["b", "d"], failed.Select(i => i.Key));
    }

    [Fact]
    public void AChecklistWithAFailureDoesNotPassCompletely()
    {
        Assert.False(PromotionRules.PassesCompletely([Item("a", true), Item("b", false)]));
    }

    [Fact]
    public void ItemsThatDoNotApplyDoNotBlockAPass()
    {
        Assert.True(PromotionRules.PassesCompletely([Item("a", true), Item("b", null)]));
    }

    [Fact]
    public void AChecklistWithNothingJudgedDoesNotPass()
    {
        Assert.False(PromotionRules.PassesCompletely([Item("a", null), Item("b", null)]));
        Assert.False(PromotionRules.PassesCompletely([]));
    }

    [Fact]
    public void TheRealChecklistOfAGoodRetrainPassesCompletely()
    {
        var items = RetrainChecklist.Evaluate(new JobMetrics { Steps = 100, InitialLoss = 3.0, FinalLoss = 2.0, BestStep = 80 });

        Assert.True(PromotionRules.PassesCompletely(items));
        Assert.Empty(PromotionRules.FailedItems(items));
    }
}
