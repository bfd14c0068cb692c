namespace Portal.GitOps.Tests.Packaging;

/// <summary>The Render Blueprint of a deploy repository (deploy/repo-template/render.yaml).</summary>
public sealed class DeployRepoBlueprintTests
{
    private static readonly RenderService Serving =
        Assert.Single(RenderBlueprint.Load(Path.Combine(RepositoryFiles.RepoTemplate, "render.yaml")).Services);

    [Fact]
    public void TheServingAppIsADockerWebServiceBuiltFromTheRepositorysDockerfile()
    {
        Assert.Equal("web", Serving.Type);
        Assert.Equal("docker", Serving.Runtime);
        Assert.False(string.IsNullOrWhiteSpace(Serving.Name));
        Assert.False(string.IsNullOrWhiteSpace(Serving.Plan));
        Assert.Equal("./Dockerfile", Serving.DockerfilePath);
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.RepoTemplate, Serving.DockerfilePath!)));
    }

    [Fact]
    public void RenderChecksTheServingAppsHealthEndpoint() => Assert.Equal("/healthz", Serving.HealthCheckPath);

    [Fact]
    public void EveryCommitIsDeployedSoThatAPromotionIsADeploy() => Assert.True(Serving.DeploysEveryCommit);

    [Fact]
    public void TheServiceKeepsNoStateOfItsOwn()
    {
        // The model is in the image; a disk would only cost the zero-downtime deploys Render gives disk-less services.
        Assert.Null(Serving.Disk);
    }

    [Fact]
    public void EveryBuildArgumentOfTheDockerfileIsAVariableOfTheService()
    {
        var dockerfile = DockerfileText.Load(Path.Combine(RepositoryFiles.RepoTemplate, "Dockerfile"));
        var arguments = dockerfile.Stages.SelectMany(s => s.Args.Keys).Concat(dockerfile.GlobalArgs.Keys).Distinct().ToList();
        Assert.NotEmpty(arguments);
        Assert.All(arguments, name => Assert.True(Serving.EnvVar(name) is not null, $"{name} is not an environment variable of the service."));
    }

    [Fact]
    public void ThePortalSourceIsAskedForInTheDashboardRatherThanGuessed()
    {
        var source = Serving.EnvVar("PORTAL_SOURCE");
        Assert.True(source?.IsAskedForInDashboard, "PORTAL_SOURCE must have `sync: false` and no value.");
        Assert.False(string.IsNullOrWhiteSpace(Serving.EnvVar("PORTAL_REF")?.Value));
    }
}
