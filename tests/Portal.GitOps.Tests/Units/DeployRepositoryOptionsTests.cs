using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Versions;
using Portal.GitOps;

namespace Portal.GitOps.Tests.Units;

public sealed class DeployRepositoryOptionsTests
{
    private static DeployRepositoryOptions Valid() => new() { WorkingDirectory = "/data/deploy", LocalRemoteDirectory = "/data/remote.git" };

    [Fact]
    public void DefaultsAreUsable()
    {
        var options = Valid();

        Assert.Empty(options.Validate());
        Assert.Equal("main", options.Branch);
        Assert.Equal(95L * 1024 * 1024, options.MaxFileBytes);
        Assert.Equal("Verse Portal", options.AuthorName);
        Assert.Equal("portal@verse-portal.local", options.AuthorEmail);
    }

    [Fact]
    public void EveryProblemIsListed()
    {
        var options = new DeployRepositoryOptions { Branch = "bad..name", MaxFileBytes = 0, AuthorName = "", WorkingDirectory = "deploy", RemoteUrl = "git@host:x.git", UserName = "ada" };

        var problems = options.Validate();

        Assert.Equal(6, problems.Count);
        Assert.Contains(problems, p => p.Contains("bad..name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("SSH", StringComparison.Ordinal));
    }

    [Fact]
    public void ANetworkTimeoutOfZeroOrBeyondWhatLibgit2HoldsIsAProblem()
    {
        var (zero, endless) = (Valid(), Valid());
        zero.ConnectTimeout = TimeSpan.Zero;
        endless.NetworkTimeout = TimeSpan.FromDays(30);

        Assert.Contains("timeouts must be more than zero", Assert.Single(zero.Validate()), StringComparison.Ordinal);
        Assert.Contains("timeouts must be more than zero", Assert.Single(endless.Validate()), StringComparison.Ordinal);
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)), (Valid().ConnectTimeout, Valid().NetworkTimeout));
    }

    [Fact]
    public void LocalRemoteMustNotBeTheWorkingClone()
    {
        var options = Valid();
        options.LocalRemoteDirectory = "/data/deploy/";

        Assert.Equal(["The working clone and the local remote must be different directories."], options.Validate());
    }

    [Fact]
    public void RepositoryWithUnusableOptionsDoesNotStart()
    {
        var options = Valid();
        options.WorkingDirectory = "";

        var error = Assert.Throws<ArgumentException>(() => new DeployRepository(options, new Support.RecordingLogger<DeployRepository>()));

        Assert.Contains("The working clone's directory must be a full path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDeployRepositoryRegistersOneInstanceBehindBothTypes()
    {
        var services = new ServiceCollection().AddLogging().AddDeployRepository(_ => Valid());
        using var provider = services.BuildServiceProvider();

        var repository = provider.GetRequiredService<DeployRepository>();

        Assert.Same(repository, provider.GetRequiredService<IDeployRepository>());
        Assert.Equal(new DeployRemoteInfo("/data/remote.git", "main", true), repository.Remote);
    }
}
