using Microsoft.Extensions.Configuration;
using Portal.Serving.Options;

namespace Portal.Serving.Tests;

public sealed class ServingSourceTests
{
    private static ServingSource Resolve(string[] args, Dictionary<string, string?>? environment = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment ?? [])
            .AddCommandLine(args, ServingCommandLine.Switches)
            .Build();
        return ServingSource.From(configuration.GetSection(ServingOptions.Section).Get<ServingOptions>() ?? new ServingOptions(), configuration);
    }

    [Fact]
    public void ModelNamesAFolderToServe()
    {
        var source = Assert.IsType<FolderSource>(Resolve(["--model", "deploy"]));

        Assert.Equal(Path.GetFullPath("deploy"), source.Folder);
    }

    [Fact]
    public void RepoFollowsMainEveryThirtySecondsByDefault()
    {
        var source = Assert.IsType<RepositorySource>(Resolve(["--repo", "https://git.example.com/verses-deploy.git"]));

        Assert.Equal("https://git.example.com/verses-deploy.git", source.Url);
        Assert.Equal("main", source.Branch);
        Assert.Equal(TimeSpan.FromSeconds(30), source.Interval);
        Assert.Equal(Path.GetFullPath("serving-data"), source.WorkDirectory);
        Assert.Null(source.Credentials);
    }

    [Fact]
    public void EveryPullSettingComesFromTheCommandLine()
    {
        var source = Assert.IsType<RepositorySource>(Resolve(["--repo", "https://git.example.com/d.git", "--branch", "live", "--interval", "5m", "--work", "/srv/serving"]));

        Assert.Equal(("live", TimeSpan.FromMinutes(5), "/srv/serving"), (source.Branch, source.Interval, source.WorkDirectory));
    }

    [Fact]
    public void SettingsCanComeFromTheEnvironmentToo()
    {
        var source = Assert.IsType<RepositorySource>(Resolve([], new() { ["Serving:Repo"] = "https://git.example.com/d.git", ["Serving:Interval"] = "45" }));

        Assert.Equal(TimeSpan.FromSeconds(45), source.Interval);
    }

    [Fact]
    public void CredentialsComeFromTheirVariablesAndNeverPrint()
    {
        var source = Assert.IsType<RepositorySource>(Resolve(["--repo", "https://user:secret-in-url@git.example.com/d.git"],
            new() { [GitCredentials.UserKey] = "writer", [GitCredentials.TokenKey] = "secret-token-123" }));

        Assert.Equal(("writer", "secret-token-123"), (source.Credentials!.User, source.Credentials.Token));
        Assert.DoesNotContain("secret", source.ToString());
        Assert.DoesNotContain("secret", source.Credentials.ToString());
    }

    [Fact]
    public void CredentialsInTheUrlAreTakenOutOfIt()
    {
        var source = Assert.IsType<RepositorySource>(Resolve(["--repo", "https://writer:to%40ken@git.example.com/d.git"]));

        Assert.Equal("https://git.example.com/d.git", source.Url);
        Assert.Equal(("writer", "to@ken"), (source.Credentials!.User, source.Credentials.Token));
    }

    [Fact]
    public void ATokenWithoutAUserUsesTheTokenUserName()
    {
        var source = Assert.IsType<RepositorySource>(Resolve(["--repo", "https://git.example.com/d.git"], new() { [GitCredentials.TokenKey] = "t" }));

        Assert.Equal(GitCredentials.DefaultUser, source.Credentials!.User);
    }

    [Theory]
    [InlineData(new string[0], "Nothing to serve")]
    [InlineData(new[] { "--model", "a", "--repo", "b" }, "not both")]
    [InlineData(new[] { "--repo", "b", "--interval", "soon" }, "\"soon\" is not a duration")]
    [InlineData(new[] { "--repo", "b", "--branch", "no..branch" }, "is not a branch name")]
    public void UnusableSettingsAreRefusedWithTheReason(string[] args, string reason)
    {
        var error = Assert.Throws<ServingUsageException>(() => Resolve(args));

        Assert.Contains(reason, error.Message);
    }
}
