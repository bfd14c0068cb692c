using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Serving.Tests.Support;

namespace Portal.Serving.Tests;

[Collection(ServingCollection.Name)]
public sealed class PullModeTests(ServingFixture fixture)
{
    private const string RefusedWeights = "model/model.safetensors: sha256 does not match the manifest";

    [Fact]
    public async Task HealthIs503UntilAModelIsLoadedThen200()
    {
        // The branch's only commit is damaged: nothing can be served until a good version is pushed.
        await using var server = await PullServer.StartAsync(remote => remote.Publish(1, fixture.Models.First, DeployCheckout.FlipWeightByte));
        await server.Host.WaitForVersionAsync(report => report.LastError is not null, "the damaged v1 to be refused");

        var (status, health) = await server.Host.HealthAsync();
        using var refused = await server.Host.Client.PostAsJsonAsync("/generate", new { prompt = "rain" });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var report = await server.Host.VersionAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("failed", health.GetProperty("status").GetString());
        Assert.Contains(RefusedWeights, health.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("No model is loaded.", problem.GetProperty("title").GetString());
        Assert.Contains(RefusedWeights, problem.GetProperty("detail").GetString());
        Assert.Null(report.Version);
        Assert.Null(report.Commit);

        var good = server.Remote.Publish(2, fixture.Models.First);
        await server.Host.WaitForVersionAsync(report => report.Version == 2, "v2 to be served");
        (status, health) = await server.Host.HealthAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(2, health.GetProperty("version").GetInt32());
        Assert.Equal(good, (await server.Host.GenerateAsync(new { prompt = "rain", maxNewTokens = 3 })).Commit);
    }

    [Fact]
    public async Task ANewlyPushedVersionIsPickedUpAndReported()
    {
        string v1 = "";
        await using var server = await PullServer.StartAsync(remote => v1 = remote.Publish(1, fixture.Models.First), fileUrl: true);
        var before = await server.Host.WaitForVersionAsync(report => report.Version == 1, "v1 to be served");
        var request = new { prompt = "rain on the roof", maxNewTokens = 16, seed = 2 };
        var fromV1 = await server.Host.GenerateAsync(request);

        var v2 = server.Remote.Publish(2, fixture.Models.Second);
        var after = await server.Host.WaitForVersionAsync(report => report.Version == 2, "v2 to be served");
        var fromV2 = await server.Host.GenerateAsync(request);

        Assert.Equal(v1, before.Commit);
        Assert.Equal(v2, after.Commit);
        Assert.Equal("main", after.Branch);
        Assert.Null(after.LastError);
        Assert.NotNull(after.LastCheck);
        Assert.True(after.LoadedAt > before.LoadedAt);
        Assert.Equal((2, v2), (fromV2.Version, fromV2.Commit));
        Assert.NotEqual(fromV1.Text, fromV2.Text);
        // Nothing is in flight on v1 any more: its checkout goes, and v2's is the only one left.
        await Eventually.TrueAsync(() => server.CheckoutsOf(v1).Count == 0, "v1's checkout to be deleted");
        Assert.Single(server.CheckoutsOf(v2));
    }

    [Fact]
    public async Task ACorruptedWeightFileIsRefusedAndTheOldVersionKeepsServing()
    {
        string v1 = "";
        await using var server = await PullServer.StartAsync(remote => v1 = remote.Publish(1, fixture.Models.First));
        await server.Host.WaitForVersionAsync(report => report.Version == 1, "v1 to be served");

        // v2's manifest lists the good weights' sha256; the committed file has one bit flipped.
        var damaged = server.Remote.Publish(2, fixture.Models.Second, DeployCheckout.FlipWeightByte);
        var refused = await server.Host.WaitForVersionAsync(report => report.LastError is not null, "v2 to be refused");
        var answer = await server.Host.GenerateAsync(new { prompt = "rain", maxNewTokens = 4 });
        var (status, health) = await server.Host.HealthAsync();

        Assert.Equal((1, v1), (refused.Version, refused.Commit));
        Assert.Contains(damaged[..7], refused.LastError);
        Assert.Contains(RefusedWeights, refused.LastError);
        Assert.Equal((1, v1), (answer.Version, answer.Commit));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, health.GetProperty("version").GetInt32());
        Assert.Empty(server.CheckoutsOf(damaged));
        Assert.Contains(server.Host.Logs.Lines, line => line.StartsWith("Error:", StringComparison.Ordinal) && line.Contains(RefusedWeights, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARefusedCommitIsNotVerifiedAgainUntilTheBranchMoves()
    {
        await using var server = await PullServer.StartAsync(remote => remote.Publish(1, fixture.Models.First));
        await server.Host.WaitForVersionAsync(report => report.Version == 1, "v1 to be served");
        var damaged = server.Remote.Publish(2, fixture.Models.Second, DeployCheckout.FlipWeightByte);
        var refused = await server.Host.WaitForVersionAsync(report => report.LastError is not null, "v2 to be refused");

        // Two more looks at the branch, which still points at the damaged commit.
        var later = await server.Host.WaitForVersionAsync(report => report.LastCheck > refused.LastCheck, "another check");
        await server.Host.WaitForVersionAsync(report => report.LastCheck > later.LastCheck, "a third check");

        Assert.Single(server.Host.Logs.Lines, line => line.Contains($"Commit {damaged[..7]} was refused", StringComparison.Ordinal));
        Assert.Equal(refused.LastError, (await server.Host.VersionAsync()).LastError);

        var fixedCommit = server.Remote.Publish(3, fixture.Models.Second);
        var report = await server.Host.WaitForVersionAsync(report => report.Version == 3, "the fixed v3 to be served");
        Assert.Equal(fixedCommit, report.Commit);
        Assert.Null(report.LastError);
    }

    [Fact]
    public async Task ABranchThatCannotBeFetchedIsReportedAndRetried()
    {
        await using var server = await PullServer.StartAsync(_ => { });

        var report = await server.Host.WaitForVersionAsync(report => report.LastError is not null, "the empty repository to be reported");
        var (status, health) = await server.Host.HealthAsync();

        Assert.Null(report.Version);
        Assert.Contains("Fetching main failed", report.LastError);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("failed", health.GetProperty("status").GetString());

        server.Remote.Publish(1, fixture.Models.First);
        await server.Host.WaitForVersionAsync(report => report.Version == 1, "v1 to be served once published");
    }
}
