using Portal.GitOps;
using Portal.GitOps.Remote;

namespace Portal.GitOps.Tests.Units;

public sealed class RemoteAddressTests
{
    [Fact]
    public void CredentialsInTheUrlMoveOutOfIt()
    {
        var remote = RemoteAddress.From(new DeployRepositoryOptions { RemoteUrl = "https://ada:p%40ss@example.com/deploy.git" });

        Assert.Equal("https://example.com/deploy.git", remote.Url);
        Assert.Equal("ada", remote.UserName);
        Assert.Equal("p@ss", remote.Password);
        Assert.False(remote.IsLocalDefault);
    }

    [Fact]
    public void TokenFromTheOptionsWinsOverTheUrlAndGetsAUserNameWhenNoneIsGiven()
    {
        var remote = RemoteAddress.From(new DeployRepositoryOptions { RemoteUrl = "https://ada:old@example.com/deploy.git", Token = "new" });

        Assert.Equal(("https://example.com/deploy.git", RemoteAddress.TokenUserName, "new"), (remote.Url, remote.UserName, remote.Password));
    }

    [Fact]
    public void EmptyRemoteUrlMeansTheLocalBareRepository()
    {
        var remote = RemoteAddress.From(new DeployRepositoryOptions { RemoteUrl = " ", LocalRemoteDirectory = "/data/remote.git" });

        Assert.Equal(("/data/remote.git", true, false), (remote.Url, remote.IsLocalDefault, remote.HasCredentials));
    }

    [Theory]
    [InlineData("git@github.com:ada/deploy.git")]
    [InlineData("ssh://git@github.com/ada/deploy.git")]
    [InlineData("relative/path")]
    public void RemotesThePortalCannotAuthenticateToAreNamedAsProblems(string url) =>
        Assert.NotNull(RemoteAddress.Problem(url));

    [Theory]
    [InlineData("https://github.com/ada/deploy.git")]
    [InlineData("http://127.0.0.1:8080/deploy.git")]
    [InlineData("/srv/git/deploy.git")]
    public void HttpAndLocalRemotesAreAccepted(string url) =>
        Assert.Null(RemoteAddress.Problem(url));
}
