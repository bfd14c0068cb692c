using YamlDotNet.Serialization;

namespace Portal.GitOps.Tests.Packaging;

/// <summary>
/// The part of Render's Blueprint format (https://render.com/docs/blueprint-spec) that our render.yaml files use. A key
/// that is not listed here fails the load, which catches a misspelt field that Render would otherwise ignore; add a
/// field here, spelt as in the spec, when a Blueprint needs it.
/// </summary>
public sealed class RenderBlueprint
{
    [YamlMember(Alias = "services")] public List<RenderService> Services { get; set; } = [];

    public static RenderBlueprint Load(string path) =>
        new DeserializerBuilder().Build().Deserialize<RenderBlueprint>(File.ReadAllText(path))
        ?? throw new InvalidOperationException($"{path} is empty.");
}

public sealed class RenderService
{
    [YamlMember(Alias = "type")] public string? Type { get; set; }
    [YamlMember(Alias = "name")] public string? Name { get; set; }
    [YamlMember(Alias = "runtime")] public string? Runtime { get; set; }
    [YamlMember(Alias = "plan")] public string? Plan { get; set; }
    [YamlMember(Alias = "region")] public string? Region { get; set; }
    [YamlMember(Alias = "branch")] public string? Branch { get; set; }
    [YamlMember(Alias = "dockerfilePath")] public string? DockerfilePath { get; set; }
    [YamlMember(Alias = "dockerContext")] public string? DockerContext { get; set; }
    [YamlMember(Alias = "healthCheckPath")] public string? HealthCheckPath { get; set; }
    [YamlMember(Alias = "autoDeployTrigger")] public string? AutoDeployTrigger { get; set; }
    /// <summary>The older spelling of <see cref="AutoDeployTrigger"/>: true is "commit", false is "off".</summary>
    [YamlMember(Alias = "autoDeploy")] public bool? AutoDeploy { get; set; }
    [YamlMember(Alias = "disk")] public RenderDisk? Disk { get; set; }
    [YamlMember(Alias = "envVars")] public List<RenderEnvVar> EnvVars { get; set; } = [];

    /// <summary>Whether every commit to the linked branch is deployed, said once (never by both spellings).</summary>
    public bool DeploysEveryCommit =>
        AutoDeployTrigger is null ? AutoDeploy == true : AutoDeploy is null && AutoDeployTrigger == "commit";

    public RenderEnvVar? EnvVar(string key) => EnvVars.SingleOrDefault(v => v.Key == key);
}

public sealed class RenderDisk
{
    [YamlMember(Alias = "name")] public string? Name { get; set; }
    [YamlMember(Alias = "mountPath")] public string? MountPath { get; set; }
    [YamlMember(Alias = "sizeGB")] public int? SizeGB { get; set; }
}

public sealed class RenderEnvVar
{
    [YamlMember(Alias = "key")] public string? Key { get; set; }
    [YamlMember(Alias = "value")] public string? Value { get; set; }
    /// <summary>false: Render asks for the value in its dashboard when the Blueprint is created; the file holds none.</summary>
    [YamlMember(Alias = "sync")] public bool? Sync { get; set; }
    [YamlMember(Alias = "generateValue")] public bool? GenerateValue { get; set; }

    public bool IsAskedForInDashboard => Sync == false && Value is null && GenerateValue is null;
}
