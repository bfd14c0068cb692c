namespace Portal.GitOps.Tests.Packaging;

/// <summary>The portal's own Render Blueprint (the top-level render.yaml).</summary>
public sealed class PortalBlueprintTests
{
    private static readonly RenderService Portal = Assert.Single(RenderBlueprint.Load(RepositoryFiles.PathOf("render.yaml")).Services);

    public static TheoryData<string> Secrets =>
        ["PORTAL_ADMIN_PASSWORD", "PORTAL_API_TOKEN", "PORTAL_WORKER_TOKEN", "Portal__Deploy__Token"];

    [Fact]
    public void ThePortalIsADockerWebServiceBuiltFromTheTopLevelDockerfile()
    {
        Assert.Equal("web", Portal.Type);
        Assert.Equal("docker", Portal.Runtime);
        Assert.False(string.IsNullOrWhiteSpace(Portal.Name));
        Assert.False(string.IsNullOrWhiteSpace(Portal.Plan));
        Assert.Equal("./Dockerfile", Portal.DockerfilePath);
        Assert.True(File.Exists(RepositoryFiles.PathOf(Portal.DockerfilePath!)));
    }

    [Fact]
    public void RenderChecksThePortalsHealthEndpoint() => Assert.Equal("/healthz", Portal.HealthCheckPath);

    [Fact]
    public void TheDataDirectoryIsOnAPersistentDisk()
    {
        var disk = Assert.IsType<RenderDisk>(Portal.Disk);
        Assert.False(string.IsNullOrWhiteSpace(disk.Name));
        Assert.Equal("/data", disk.MountPath);
        Assert.True(disk.SizeGB >= 1);
        Assert.Equal(disk.MountPath, Portal.EnvVar("Portal__DataDirectory")?.Value);
    }

    [Fact]
    public void RenderSendsTrafficToThePortTheImageListensOn()
    {
        var listens = DockerfileText.Load(RepositoryFiles.PathOf("Dockerfile")).FinalStage.Env["Urls"];
        Assert.EndsWith(":" + Portal.EnvVar("PORT")?.Value, listens);
    }

    [Theory]
    [MemberData(nameof(Secrets))]
    public void EverySecretIsAskedForInTheDashboardAndNeverWrittenInTheFile(string key)
    {
        var variable = Portal.EnvVar(key);
        Assert.True(variable is not null, $"{key} is not declared.");
        Assert.True(variable.IsAskedForInDashboard, $"{key} must have `sync: false` and no value.");
    }

    [Fact]
    public void NoVariableThatLooksSecretCarriesAValue()
    {
        string[] secretWords = ["PASSWORD", "TOKEN", "SECRET", "KEY"];
        Assert.All(Portal.EnvVars.Where(v => secretWords.Any(word => v.Key!.Contains(word, StringComparison.OrdinalIgnoreCase))),
            v => Assert.True(v.IsAskedForInDashboard, $"{v.Key} must have `sync: false` and no value."));
    }

    [Fact]
    public void TheDeployRepositorySettingsAreDeclared()
    {
        Assert.NotNull(Portal.EnvVar("Portal__Deploy__RemoteUrl"));
        Assert.NotNull(Portal.EnvVar("Portal__Deploy__UserName"));
        Assert.False(string.IsNullOrWhiteSpace(Portal.EnvVar("Portal__Deploy__Branch")?.Value));
    }

    [Fact]
    public void EveryVariableIsDeclaredOnceWithOneSource()
    {
        Assert.Equal(Portal.EnvVars.Count, Portal.EnvVars.Select(v => v.Key).Distinct().Count());
        Assert.All(Portal.EnvVars, v => Assert.True(
            (v.Value is null ? 0 : 1) + (v.Sync == false ? 1 : 0) + (v.GenerateValue == true ? 1 : 0) == 1,
            $"{v.Key} needs exactly one of value, `sync: false` or `generateValue: true`."));
    }

    [Fact]
    public void EveryCommitToThePortalIsDeployed() => Assert.True(Portal.DeploysEveryCommit);
}
