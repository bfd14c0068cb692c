using Bunit;
using Portal.Core.Versions;
using Portal.Web.Components.Pages.Versions;
using Portal.Web.Tests.Components.Versions.Support;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Components.Versions;

public sealed class VersionsPageTests
{
    // Pages load after the first render and the machine may be busy with a build: generous, never a sleep.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Nothing listens on port 1 of loopback: every push there fails at once, the way an unreachable host does.</summary>
    private const string UnreachableRemote = "http://127.0.0.1:1/deploy.git";

    [Fact]
    public async Task WithNoVersionThePageSaysHowToMakeOneAndThatNoServingEndpointIsConfigured()
    {
        await using var bed = await VersionsTestBed.CreateAsync();
        bed.SignIn(await bed.AddUserAsync("ana"));

        var page = bed.Context.Render<VersionsPage>();

        page.WaitForAssertion(() => Assert.Equal(
            "No version yet: promote a finished job's candidate from its report. Go to Retrain",
            Normalized(page.Find("#no-versions").TextContent)), Patience);
        Assert.Equal("retrain", page.Find("#no-versions-retrain").GetAttribute("href"));
        Assert.Empty(page.FindAll("#version-history"));
        Assert.Contains("No serving endpoint is configured", page.Find("#no-serving-endpoints").TextContent, StringComparison.Ordinal);
        Assert.Equal(bed.RemoteDirectory, page.Find("#deploy-remote-url").TextContent);
        Assert.Equal("main", page.Find("#deploy-remote-branch").TextContent);
        Assert.NotEmpty(page.FindAll("#deploy-remote-local"));
    }

    [Fact]
    public async Task APromotedVersionShowsItsFiguresChecklistCommitAndPushState()
    {
        await using var bed = await VersionsTestBed.CreateAsync();
        var root = await bed.AddUserAsync("root", admin: true);
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVersesAsync(ana);
        var job = await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics);
        var version = await bed.PromoteAsync(root, job, "First one.");
        bed.SignIn(ana);

        var page = bed.Context.Render<VersionsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#version-history tr.version-row")), Patience);
        var row = page.Find("#version-history tr.version-row");
        Assert.Equal("1", row.QuerySelector("td.version-cell")!.GetAttribute("data-version"));
        Assert.Equal("v1", row.QuerySelector(".version-link")!.TextContent);
        Assert.Equal("versions/1", row.QuerySelector(".version-link")!.GetAttribute("href"));
        Assert.NotNull(row.QuerySelector(".version-current"));
        Assert.Null(row.QuerySelector(".version-rollback"));
        Assert.Equal(version.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), row.QuerySelector(".version-date")!.TextContent);
        Assert.Equal("root", row.QuerySelector(".version-who")!.TextContent);
        Assert.Equal("3", row.QuerySelector(".version-verses")!.TextContent);
        var dataset = row.QuerySelector(".version-dataset .short-code")!;
        Assert.Equal(job.SnapshotHash[..12], dataset.TextContent);
        Assert.Equal(job.SnapshotHash, dataset.GetAttribute("data-value"));
        Assert.Equal("3.123", row.QuerySelector(".version-loss")!.TextContent);
        // The first model has nothing to forget: that check did not apply and is not counted.
        Assert.Equal("3/3 passed", row.QuerySelector(".checklist-chip")!.TextContent.Trim());
        Assert.Null(row.QuerySelector(".checklist-overridden"));
        var commit = row.QuerySelector(".version-commit .short-code")!;
        Assert.Equal(version.CommitSha[..7], commit.TextContent);
        Assert.Equal(version.CommitSha, commit.GetAttribute("data-value"));
        Assert.Equal("Pushed", row.QuerySelector(".push-state")!.GetAttribute("data-push"));
        Assert.Equal("Pushed", row.QuerySelector(".push-state")!.TextContent.Trim());
        // No serving endpoint reports it, so nothing says it is live.
        Assert.Null(row.QuerySelector(".live-chip"));
        Assert.Empty(page.FindAll("#no-versions"));
    }

    [Fact]
    public async Task AFailedPushShowsCommittedNotPushedWithTheReasonAndOnlyAdminsGetARetry()
    {
        await using var bed = await VersionsTestBed.CreateAsync(UnreachableRemote);
        var root = await bed.AddUserAsync("root", admin: true);
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVersesAsync(ana);
        var version = await bed.PromoteAsync(root, await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics));
        Assert.Equal(PushState.Committed, version.PushState);

        bed.SignIn(ana);
        var writerPage = bed.Context.Render<VersionsPage>();
        writerPage.WaitForAssertion(() => Assert.Single(writerPage.FindAll("#version-history tr.version-row")), Patience);
        Assert.Equal("Committed, not pushed", writerPage.Find(".push-state").TextContent.Trim());
        Assert.Equal(version.PushError, writerPage.Find(".push-error").TextContent);
        Assert.Empty(writerPage.FindAll(".retry-push"));

        bed.SignIn(root);
        var adminPage = bed.Context.Render<VersionsPage>();
        adminPage.WaitForAssertion(() => Assert.Single(adminPage.FindAll(".retry-push")), Patience);
        Assert.Equal(UnreachableRemote, adminPage.Find("#deploy-remote-url").TextContent);

        await adminPage.Find(".retry-push").ClickAsync(new());

        // Still unreachable: the page says so, and the version stays committed with a retry at hand.
        adminPage.WaitForAssertion(() => Assert.StartsWith("v1 is still not pushed: ", adminPage.Find("#retry-result .version-command-message").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal("Committed", adminPage.Find(".push-state").GetAttribute("data-push"));
        Assert.False(adminPage.Find(".retry-push").HasAttribute("disabled"));
    }

    [Fact]
    public async Task TheHistoryShowsAPromotionMadeWhileThePageIsOpen()
    {
        await using var bed = await VersionsTestBed.CreateAsync();
        var root = await bed.AddUserAsync("root", admin: true);
        await bed.AddVersesAsync(root);
        var job = await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics);
        bed.SignIn(root);
        var page = bed.Context.Render<VersionsPage>();
        page.WaitForElement("#no-versions", Patience);

        await bed.PromoteAsync(root, job);

        page.WaitForAssertion(() => Assert.Equal("v1", page.Find("#version-history tr.version-row .version-link").TextContent), Patience);
        Assert.Empty(page.FindAll("#no-versions"));
    }

    [Fact]
    public async Task AVersionAServingAppReportsShowsLiveWithTheEndpointAndTheAppsReport()
    {
        await using var serving = await FakeServingApp.StartAsync();
        await using var bed = await VersionsTestBed.CreateAsync(null, serving.Url);
        var root = await bed.AddUserAsync("root", admin: true);
        await bed.AddVersesAsync(root);
        var version = await bed.PromoteAsync(root, await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics));
        bed.SignIn(root);
        // Still starting: the app has nothing to say yet.
        await bed.PollServingAsync();
        var page = bed.Context.Render<VersionsPage>();
        page.WaitForAssertion(() => Assert.Equal(
            "The portal could not read it: GET /version answered HTTP 503.", page.Find("#serving-endpoints .serving-problem").TextContent.Trim()), Patience);
        Assert.Empty(page.FindAll(".live-chip"));

        serving.Serve(1, version.CommitSha);
        await bed.PollServingAsync();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#version-history tr.version-row .live-chip")), Patience);
        Assert.Equal(new Uri(serving.Url).Authority, page.Find("#version-history tr.version-row .live-endpoint").TextContent);
        var endpoint = page.Find("#serving-endpoints tr.serving-endpoint");
        Assert.Equal(serving.Url.TrimEnd('/'), endpoint.GetAttribute("data-url"));
        Assert.Equal("v1", endpoint.QuerySelector(".serving-version")!.TextContent);
        Assert.Equal(version.CommitSha[..7], endpoint.QuerySelector(".short-code")!.TextContent);
        Assert.Equal("—", endpoint.QuerySelector(".serving-problem")!.TextContent.Trim());
    }

    private static string Normalized(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
