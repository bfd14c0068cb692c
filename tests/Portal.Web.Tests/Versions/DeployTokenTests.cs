using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Versions;

namespace Portal.Web.Tests.Versions;

/// <summary>The deploy token reaches the remote and nothing else: no API answer and no log line holds it, even when the push fails.</summary>
[Collection(VersionRuns.Name)]
public sealed class DeployTokenTests(TrainedCandidates trained)
{
    private const string Token = "deploy-token-7Qx93LmZ0pV2";
    private const string Remote = "http://127.0.0.1:1/writers/verse-deploy.git";

    public static TheoryData<string, string?> Configurations => new()
    {
        { Remote, Token },
        // Credentials written into the URL are taken out of it.
        { "http://portal-bot:" + Token + "@127.0.0.1:1/writers/verse-deploy.git", null },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task TheTokenNeverAppearsInAnswersOrLogsAfterAFailedPush(string remoteUrl, string? environmentToken)
    {
        var logs = new LogCapture();
        var settings = new Dictionary<string, string>
        {
            ["Portal:Deploy:RemoteUrl"] = remoteUrl,
            ["Logging:LogLevel:Default"] = "Debug",
        };
        if (environmentToken is not null)
        {
            settings["Portal:Deploy:UserName"] = "portal-bot";
            settings["PORTAL_DEPLOY_TOKEN"] = environmentToken;
        }
        await using var portal = trained.Start(settings: settings, services: services => services.AddSingleton<ILoggerProvider>(logs));
        using var admin = portal.CreateAdminClient();

        using var promote = await admin.PostPromoteAsync(trained.Passing.Id, "Pushed to a remote that is down");
        var promoted = await promote.Content.ReadAsStringAsync();
        using var retry = await admin.PostPushAsync(1);
        var answers = new[]
        {
            promoted,
            await retry.Content.ReadAsStringAsync(),
            await admin.GetStringAsync("/api/versions"),
            await admin.GetStringAsync("/api/versions/1"),
            await admin.GetStringAsync("/api/versions/serving"),
        };

        Assert.Equal(HttpStatusCode.Created, promote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var version = (await admin.ListVersionsAsync()).Single();
        Assert.Equal(PushState.Committed, version.PushState);
        Assert.Contains("127.0.0.1", version.PushError);
        Assert.Equal(Remote, portal.Versions.Remote.Url);
        Assert.All(answers, answer => Assert.DoesNotContain(Token, answer, StringComparison.Ordinal));
        Assert.Contains("committed but not pushed", logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, logs.Text, StringComparison.Ordinal);
    }
}
