using Portal.Serving.Options;

namespace Portal.Serving.Tests;

public sealed class RemoteUrlTests
{
    [Theory]
    [InlineData("https://writer:token123@git.example.com/deploy.git", "https://git.example.com/deploy.git")]
    [InlineData("https://token123@git.example.com/deploy.git", "https://git.example.com/deploy.git")]
    [InlineData("https://git.example.com/deploy.git", "https://git.example.com/deploy.git")]
    [InlineData("/srv/git/deploy.git", "/srv/git/deploy.git")]
    [InlineData("file:///srv/git/deploy.git", "file:///srv/git/deploy.git")]
    public void AnAddressIsShownWithoutItsUserInformation(string url, string shown) =>
        Assert.Equal(shown, RemoteUrl.Redact(url));
}
