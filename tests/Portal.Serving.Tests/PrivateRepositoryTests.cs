using Portal.Serving.Tests.Support;

namespace Portal.Serving.Tests;

/// <summary>A deploy repository behind Basic auth, as on a private git host; the token must work and never show.</summary>
[Collection(ServingCollection.Name)]
public sealed class PrivateRepositoryTests(ServingFixture fixture)
{
    private const string User = "deploy-reader";
    private const string Token = "s3cret-token-do-not-show";

    [Fact]
    public async Task ATokenFromTheEnvironmentOpensAPrivateRepositoryAndNeverShows()
    {
        using var remote = new DeployRemote();
        var v1 = remote.Publish(1, fixture.Models.First);
        await using var git = await GitHttpServer.StartAsync(Path.GetDirectoryName(remote.Path)!, User, Token);
        using var work = new TempFolder("serving-work-");
        await using var host = await ServingHost.StartAsync(
            ["--repo", git.UrlOf("remote.git"), "--interval", "0.2", "--work", work.Path, "--SERVING_GIT_USER", User, "--SERVING_GIT_TOKEN", Token]);

        var report = await host.WaitForVersionAsync(report => report.Version == 1, "v1 from the private repository");

        Assert.Equal(v1, report.Commit);
        AssertNowhere(Token, host, work.Path, await host.Client.GetStringAsync("/version"));
    }

    [Fact]
    public async Task ATokenInTheUrlIsUsedButNeitherStoredNorShown()
    {
        using var remote = new DeployRemote();
        remote.Publish(1, fixture.Models.First);
        await using var git = await GitHttpServer.StartAsync(Path.GetDirectoryName(remote.Path)!, User, Token);
        using var work = new TempFolder("serving-work-");
        var url = git.UrlOf("remote.git").Replace("http://", $"http://{User}:{Token}@", StringComparison.Ordinal);
        await using var host = await ServingHost.StartAsync(["--repo", url, "--interval", "0.2", "--work", work.Path]);

        await host.WaitForVersionAsync(report => report.Version == 1, "v1 from the private repository");

        AssertNowhere(Token, host, work.Path, await host.Client.GetStringAsync("/version"));
    }

    [Fact]
    public async Task AWrongTokenIsReportedWithoutShowingIt()
    {
        const string wrong = "wrong-token-also-secret";
        using var remote = new DeployRemote();
        remote.Publish(1, fixture.Models.First);
        await using var git = await GitHttpServer.StartAsync(Path.GetDirectoryName(remote.Path)!, User, Token);
        using var work = new TempFolder("serving-work-");
        await using var host = await ServingHost.StartAsync(
            ["--repo", git.UrlOf("remote.git"), "--interval", "0.2", "--work", work.Path, "--SERVING_GIT_USER", User, "--SERVING_GIT_TOKEN", wrong]);

        var report = await host.WaitForVersionAsync(report => report.LastError is not null, "the refusal to be reported");

        Assert.Null(report.Version);
        Assert.Contains("refused the credentials in SERVING_GIT_USER and SERVING_GIT_TOKEN", report.LastError);
        AssertNowhere(wrong, host, work.Path, await host.Client.GetStringAsync("/version"));
    }

    private static void AssertNowhere(string secret, ServingHost host, string work, string version)
    {
        Assert.DoesNotContain(secret, version);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, File.ReadAllText(Path.Combine(work, "repository.git", "config")));
    }
}
