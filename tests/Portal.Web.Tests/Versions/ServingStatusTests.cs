using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Api;
using Portal.Web.Services.Versions;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Versions;

/// <summary>What each configured serving endpoint reports on GET /version decides where a version shows as live.</summary>
[Collection(VersionRuns.Name)]
public sealed class ServingStatusTests(TrainedCandidates trained)
{
    private const string Unreachable = "http://127.0.0.1:1";

    [Fact]
    public async Task AVersionIsLiveOnTheEndpointsWhoseReportNamesItsCommit()
    {
        await using var serving = await FakeServingApp.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Portal:Deploy:ServingEndpoints:0"] = serving.Url + "/",
            ["Portal:Deploy:ServingEndpoints:1"] = Unreachable,
            // The monitor's own timer stays out of the way: the test polls when it has set the answer.
            ["Portal:Deploy:ServingPollSeconds"] = "86400",
        };
        await using var portal = trained.Start(settings: settings);
        var monitor = portal.Portal.Services.GetRequiredService<ServingStatusMonitor>();
        using var admin = portal.CreateAdminClient();
        var v1 = await admin.PromoteAsync(trained.Passing.Id);
        await admin.PromoteAsync(trained.Failing.Id, "Not deployed anywhere yet", overrideChecklist: true);
        var changes = 0;
        portal.Versions.Changed += () => Interlocked.Increment(ref changes);

        serving.Serve(1, v1.CommitSha);
        await monitor.PollOnceAsync();

        var history = await admin.ListVersionsAsync();
        var status = (await admin.GetFromJsonAsync<ServingResponse>("/api/versions/serving", TrainingApi.Json))!;
        Assert.True(changes > 0);
        Assert.Equal(new[] { serving.Url }, history.Single(v => v.Number == 1).LiveOn);
        Assert.Empty(history.Single(v => v.Number == 2).LiveOn);
        Assert.Equal(new[] { serving.Url, Unreachable }, status.Endpoints.Select(e => e.Url));
        Assert.Equal(v1.CommitSha, status.Endpoints[0].Report?.Commit);
        Assert.Null(status.Endpoints[0].Error);
        Assert.Null(status.Endpoints[1].Report);
        Assert.NotNull(status.Endpoints[1].Error);
        Assert.True(status.Remote.IsLocalDefault);
    }
}
