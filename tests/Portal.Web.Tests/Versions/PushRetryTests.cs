using System.Net;
using System.Net.Http.Json;
using Portal.Core.Versions;
using Portal.Web.Api;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Versions;

/// <summary>A push that fails leaves the version committed, with the reason; POST /api/versions/{n}/push sends it later.</summary>
[Collection(VersionRuns.Name)]
public sealed class PushRetryTests(TrainedCandidates trained)
{
    [Fact]
    public async Task AVersionWhosePushFailedIsRecordedAsCommittedAndARetryPushesIt()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        await admin.PromoteAsync(trained.Passing.Id);
        var away = portal.RemoteDirectory + ".away";
        Directory.Move(portal.RemoteDirectory, away);

        var committed = await admin.PromoteAsync(trained.Failing.Id, "Pushed while the remote is down", overrideChecklist: true);
        var listed = (await admin.ListVersionsAsync()).Single(v => v.Number == 2);
        Directory.Move(away, portal.RemoteDirectory);
        using var retry = await admin.PostPushAsync(2);
        var pushed = await retry.Content.ReadFromJsonAsync<VersionResponse>(TrainingApi.Json);
        using var again = await admin.PostPushAsync(2);

        Assert.Equal(2, committed.Number);
        Assert.Equal(PushState.Committed, committed.PushState);
        Assert.False(string.IsNullOrWhiteSpace(committed.PushError));
        Assert.Equal(PushState.Committed, listed.PushState);
        Assert.Equal(committed.PushError, listed.PushError);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(PushState.Pushed, pushed!.PushState);
        Assert.Null(pushed.PushError);
        Assert.NotNull(pushed.PushedAt);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var scratch = new TempDirectory();
        var clone = GitCli.Clone(portal.RemoteDirectory, scratch.Path);
        Assert.Contains("v2", GitCli.Tags(clone));
        Assert.Equal(pushed.CommitSha, GitCli.Run(clone, "rev-parse", "HEAD").Trim());
        Assert.Equal(PushState.Pushed, (await admin.ListVersionsAsync()).Single(v => v.Number == 2).PushState);
    }
}
