using Portal.GitOps;
using Portal.GitOps.Remote;

namespace Portal.GitOps.Tests.Units;

public sealed class SecretScrubberTests
{
    [Fact]
    public void TokenIsMaskedWhereverItAppears()
    {
        var scrubber = SecretScrubber.For(new DeployRepositoryOptions { RemoteUrl = "https://example.com/deploy.git", Token = "s3cr3t/t0ken" });

        Assert.Equal("bad credentials *** and ***", scrubber.Scrub("bad credentials s3cr3t/t0ken and s3cr3t%2Ft0ken"));
    }

    [Fact]
    public void UserInfoIsRemovedFromAnyUrl()
    {
        var scrubber = new SecretScrubber([]);

        Assert.Equal("failed to push to https://github.com/a/b.git and http://host/c", scrubber.Scrub("failed to push to https://ada:pw@github.com/a/b.git and http://x@host/c"));
    }

    [Fact]
    public void PasswordFromTheConfiguredUrlIsMaskedEvenOutsideAUrl()
    {
        var scrubber = SecretScrubber.For(new DeployRepositoryOptions { RemoteUrl = "https://ada:hunter22@example.com/deploy.git" });

        Assert.Equal("server said: *** is wrong", scrubber.Scrub("server said: hunter22 is wrong"));
    }
}
