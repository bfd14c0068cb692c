using Bunit;
using Portal.Core.Versions;
using Portal.Web.Components.Pages.Retrain;
using Portal.Web.Components.Pages.Versions;
using Portal.Web.Tests.Components.Versions.Support;

namespace Portal.Web.Tests.Components.Versions;

/// <summary>Promoting, rolling back and pushing deploy the model: writers see versions but none of those buttons.</summary>
public sealed class RolesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AWriterSeesNoRetryRollbackOrPromoteButtonsWhileAnAdminDoes()
    {
        // An unreachable remote leaves the versions committed but not pushed, so that a retry is on offer.
        await using var bed = await VersionsTestBed.CreateAsync("http://127.0.0.1:1/deploy.git");
        var root = await bed.AddUserAsync("root", admin: true);
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVersesAsync(ana);
        var first = await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics);
        Assert.Equal(PushState.Committed, (await bed.PromoteAsync(root, first)).PushState);
        await bed.PromoteAsync(root, await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics));
        var candidate = await bed.SucceededJobAsync(root, VersionsTestBed.PassingMetrics);

        bed.SignIn(ana);
        var writer = Open(bed, first.Id, candidate.Id);
        Assert.Empty(writer.Versions.FindAll(".retry-push"));
        Assert.Equal(2, writer.Versions.FindAll(".push-state[data-push='Committed']").Count);
        Assert.Empty(writer.Version.FindAll("#rollback"));
        Assert.Empty(writer.Candidate.FindAll("#promotion-panel"));
        Assert.Empty(writer.Candidate.FindAll("#promote"));
        // What a writer may know: which version a job became.
        Assert.StartsWith("Promoted as v1", writer.Promoted.Find("#promoted-as").TextContent.Trim(), StringComparison.Ordinal);

        bed.SignIn(root);
        var admin = Open(bed, first.Id, candidate.Id);
        Assert.Equal(2, admin.Versions.FindAll(".retry-push").Count);
        Assert.False(admin.Version.Find("#rollback").HasAttribute("disabled"));
        admin.Candidate.WaitForElement("#promote", Patience);
        Assert.StartsWith("Promoted as v1", admin.Promoted.Find("#promoted-as").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(admin.Promoted.FindAll("#promotion-panel"));
    }

    /// <summary>
    /// The Versions page, v1's page, the report of a job not promoted yet and of the job that became v1, each loaded.
    /// The candidate's report is opened before the promoted one: once the latter shows its version, the former's
    /// promotion panel (which reads the same history first) has loaded too.
    /// </summary>
    private static Screens Open(VersionsTestBed bed, long promotedJob, long candidateJob)
    {
        var versions = bed.Context.Render<VersionsPage>();
        versions.WaitForAssertion(() => Assert.Equal(2, versions.FindAll("#version-history tr.version-row").Count), Patience);
        var version = bed.Context.Render<VersionPage>(parameters => parameters.Add(p => p.Number, 1));
        version.WaitForElement("#version-title", Patience);
        var candidate = bed.Context.Render<JobPage>(parameters => parameters.Add(p => p.Id, candidateJob));
        candidate.WaitForElement("#job-report", Patience);
        var promoted = bed.Context.Render<JobPage>(parameters => parameters.Add(p => p.Id, promotedJob));
        promoted.WaitForElement("#promoted-as", Patience);
        return new Screens(versions, version, candidate, promoted);
    }

    private sealed record Screens(
        IRenderedComponent<VersionsPage> Versions,
        IRenderedComponent<VersionPage> Version,
        IRenderedComponent<JobPage> Candidate,
        IRenderedComponent<JobPage> Promoted);
}
