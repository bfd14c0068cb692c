using Bunit;
using Portal.Core.Training;
using Portal.Web.Components.Pages.Retrain;
using Portal.Web.Tests.Components.Support;
using Portal.Web.Tests.Components.Versions.Support;

namespace Portal.Web.Tests.Components.Versions;

/// <summary>The promotion gate on a succeeded job's report.</summary>
public sealed class PromotionPanelTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OverridingFailedChecksNeedsANoteBeforePromoteIsEnabled()
    {
        await using var bed = await VersionsTestBed.CreateAsync();
        var root = await bed.AddUserAsync("root", admin: true);
        await bed.AddVersesAsync(root);
        var job = await bed.SucceededJobAsync(root, VersionsTestBed.FailingMetrics);
        bed.SignIn(root);

        var page = bed.Context.Render<JobPage>(parameters => parameters.Add(p => p.Id, job.Id));

        page.WaitForElement("#promotion-failed-items", Patience);
        var failed = Assert.Single(page.FindAll("#promotion-failed-items li.promotion-failed-item"));
        Assert.Equal(RetrainChecklist.LossDropped, failed.GetAttribute("data-key"));
        Assert.True(page.Find("#promote").HasAttribute("disabled"));

        await page.Find("#promotion-override").ChangeAsync(new() { Value = true });

        // Overriding without saying why is not enough: the note is what the version log keeps of the decision.
        page.WaitForAssertion(() => Assert.Contains("Required with an override", page.Find("#promotion-panel").TextContent, StringComparison.Ordinal), Patience);
        Assert.True(page.Find("#promote").HasAttribute("disabled"));

        await page.TypeAsync("#promotion-note", "   ");
        Assert.True(page.Find("#promote").HasAttribute("disabled"));

        await page.TypeAsync("#promotion-note", "Tiny corpus: the loss has little room to drop.");
        page.WaitForAssertion(() => Assert.False(page.Find("#promote").HasAttribute("disabled")), Patience);

        await page.Find("#promote").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Promoted as v1 and pushed.", page.Find("#promote-result .version-command-message").TextContent), Patience);
        Assert.Empty(page.FindAll("#promotion-panel"));
        var version = (await bed.Versions.HistoryAsync())[0].Version;
        Assert.True(version.Overridden);
        Assert.Equal("Tiny corpus: the loss has little room to drop.", version.Note);
    }

    [Fact]
    public async Task APassingCandidateIsPromotedWithAClickAndItsReportThenSaysWhichVersionItBecame()
    {
        await using var bed = await VersionsTestBed.CreateAsync();
        var root = await bed.AddUserAsync("root", admin: true);
        await bed.AddVersesAsync(root);
        var job = await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics);
        bed.SignIn(root);
        var page = bed.Context.Render<JobPage>(parameters => parameters.Add(p => p.Id, job.Id));
        page.WaitForAssertion(() => Assert.False(page.Find("#promote").HasAttribute("disabled")), Patience);
        Assert.Empty(page.FindAll("#promotion-override"));
        Assert.Empty(page.FindAll("#promotion-failed-items"));
        Assert.Contains("It becomes v1, the first version.", page.Find("#promotion-panel").TextContent, StringComparison.Ordinal);

        await page.Find("#promote").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Promoted as v1 and pushed.", page.Find("#promote-result .version-command-message").TextContent), Patience);
        Assert.Equal("versions/1", page.Find("#promote-result .version-command-link").GetAttribute("href"));

        var reopened = bed.Context.Render<JobPage>(parameters => parameters.Add(p => p.Id, job.Id));
        reopened.WaitForElement("#promoted-as", Patience);
        Assert.StartsWith("Promoted as v1 by root on ", Normalized(reopened.Find("#promoted-as").TextContent), StringComparison.Ordinal);
        Assert.Equal("versions/1", reopened.Find("#promoted-as .promoted-link").GetAttribute("href"));
        Assert.Empty(reopened.FindAll("#promotion-panel"));
    }

    [Fact]
    public async Task WhenAnotherCandidateIsCurrentTheGateSaysWhichOneItReplaces()
    {
        await using var bed = await VersionsTestBed.CreateAsync();
        var root = await bed.AddUserAsync("root", admin: true);
        await bed.AddVersesAsync(root);
        await bed.PromoteAsync(root, await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics));
        var second = await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics);
        bed.SignIn(root);

        var page = bed.Context.Render<JobPage>(parameters => parameters.Add(p => p.Id, second.Id));

        page.WaitForAssertion(() => Assert.Contains("It replaces v1, which stays on the Versions page for a rollback.", page.Find("#promotion-panel").TextContent, StringComparison.Ordinal), Patience);
        // The candidate's files are not trained weights here, so the comparison says it could not run; promoting still can.
        page.WaitForElement("#gate-comparison-error", Patience);
        var error = page.Find("#gate-comparison-error").TextContent.Trim();
        Assert.StartsWith("The comparison could not run: ", error, StringComparison.Ordinal);
        Assert.True(error.Length > "The comparison could not run: ".Length, error);
        Assert.False(page.Find("#promote").HasAttribute("disabled"));
    }

    private static string Normalized(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
