using Bunit;
using Portal.Core.Training;
using Portal.Web.Components.Pages.Verses;
using Portal.Web.Tests.Components.Retrain.Support;

namespace Portal.Web.Tests.Components.Retrain;

public sealed class NewVersesNudgeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ItCountsTheVersesNoModelHasSeenAndLinksToRetrain()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVersesAsync(ana);
        bed.SignIn(ana);

        var nudge = bed.Context.Render<NewVersesNudge>();

        nudge.WaitForAssertion(() => Assert.Equal("3 new verses since the last model.", nudge.Find("#new-verses-count").TextContent.Trim()), Patience);
        Assert.Equal("retrain", nudge.Find("#nudge-retrain").GetAttribute("href"));
    }

    [Fact]
    public async Task ItIsHiddenWhenTheCurrentModelHasSeenEveryVerse()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVersesAsync(ana);
        await bed.QueueScratchJobAsync(ana);
        var lease = await bed.Worker.ClaimAsync();
        await bed.Worker.SucceedAsync(lease, new JobMetrics { Steps = 10, MaxSteps = 10, StopReason = "Completed" });
        bed.SignIn(ana);

        var nudge = bed.Context.Render<NewVersesNudge>();
        await nudge.InvokeAsync(nudge.Instance.RefreshAsync);

        Assert.Empty(nudge.FindAll("#new-verses-nudge"));
    }

    [Fact]
    public async Task ItIsHiddenForAnEmptyLibrary()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        bed.SignIn(await bed.AddUserAsync("ana"));

        var nudge = bed.Context.Render<NewVersesNudge>();
        await nudge.InvokeAsync(nudge.Instance.RefreshAsync);

        Assert.Empty(nudge.FindAll("#new-verses-nudge"));
    }
}
