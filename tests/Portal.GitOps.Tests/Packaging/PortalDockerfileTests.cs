namespace Portal.GitOps.Tests.Packaging;

/// <summary>The portal's own image (the top-level Dockerfile).</summary>
public sealed class PortalDockerfileTests
{
    private static readonly DockerfileText Dockerfile = DockerfileText.Load(RepositoryFiles.PathOf("Dockerfile"));

    [Fact]
    public void EveryStageBuildsOnUbuntuNobleDotnetImages()
    {
        Assert.All(Dockerfile.Stages, stage =>
        {
            Assert.StartsWith("mcr.microsoft.com/dotnet/", stage.Image);
            Assert.EndsWith("-noble", stage.Image);
        });
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0-noble", Dockerfile.Stage("build").Image);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0-noble", Dockerfile.FinalStage.Image);
    }

    [Fact]
    public void TheTorchBackendIsABuildArgumentThatDefaultsToCpu()
    {
        var build = Dockerfile.Stage("build");
        Assert.Equal("cpu", build.Args["TORCH_BACKEND"]);

        var dotnetCommands = build.Runs.Where(run => run.Contains("dotnet restore") || run.Contains("dotnet publish")).ToList();
        Assert.Equal(2, dotnetCommands.Count);
        Assert.All(dotnetCommands, run => Assert.Contains("-p:TorchBackend=$TORCH_BACKEND", run));
    }

    [Fact]
    public void ThePortalIsPublishedForLinuxX64WithoutTheDebianLibstdcxxPatch()
    {
        var build = Dockerfile.Stage("build");
        var restore = Assert.Single(build.Runs, run => run.Contains("dotnet restore"));
        var publish = Assert.Single(build.Runs, run => run.Contains("dotnet publish"));
        Assert.Contains("src/Portal.Web", publish);
        Assert.Contains("-p:TorchSharpGlibcFix=false", publish);
        Assert.Contains("-r linux-x64", restore);
        Assert.Contains("-r linux-x64", publish);
        // The early restore sees project files only; the SDK adds Blazor's script package only when it sees .razor
        // files, so publish must restore again with the sources present.
        Assert.DoesNotContain("--no-restore", publish);
    }

    [Fact]
    public void ThePortalListensOn8080WithItsDataOnAVolume()
    {
        var final = Dockerfile.FinalStage;
        Assert.Equal("/data", final.Env["Portal__DataDirectory"]);
        Assert.Equal("http://0.0.0.0:8080", final.Env["Urls"]);
        Assert.Equal("/data", Assert.Single(final.All("VOLUME")).Arguments);
        Assert.Equal("8080", Assert.Single(final.All("EXPOSE")).Arguments);
    }

    [Fact]
    public void RestoreSeesOnlyProjectFilesAndBuildSettings()
    {
        var filter = Assert.Single(Dockerfile.Stage("projects").Runs);
        var folder = Shell.TempFolder();
        try
        {
            string[] kept = ["src/Portal.Web/Portal.Web.csproj", "Directory.Build.props", "Directory.Build.targets",
                "Directory.Packages.props", "global.json", "build/TrainingHost.props", "build/ElfVersionNeedPatcher.cs"];
            string[] dropped = ["src/Portal.Web/Program.cs", "wwwroot/portal.css", "README.md", "deploy/repo-template/Dockerfile"];
            foreach (var file in kept.Concat(dropped))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder.FullName, file))!);
                File.WriteAllText(Path.Combine(folder.FullName, file), file);
            }

            var result = Shell.Sh(filter, folder.FullName);

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.All(kept, file => Assert.True(File.Exists(Path.Combine(folder.FullName, file)), $"{file} was removed."));
            Assert.All(dropped, file => Assert.False(File.Exists(Path.Combine(folder.FullName, file)), $"{file} was kept."));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void TheStartScriptRunsThePortalAsTheUnprivilegedUser()
    {
        var entrypoint = Assert.Single(Assert.Single(Dockerfile.FinalStage.All("ENTRYPOINT")).ExecForm!);
        var script = Assert.Single(Dockerfile.FinalStage.All("COPY"),
            copy => copy.HereDocument is not null && copy.Arguments.EndsWith("/" + entrypoint));
        Assert.Contains("--chmod=755", script.Arguments);

        var folder = Shell.TempFolder();
        try
        {
            var bin = Shell.FakeProgram(folder, "dotnet");
            var data = folder.CreateSubdirectory("data").FullName;
            var scriptPath = Path.Combine(folder.FullName, entrypoint);
            File.WriteAllText(scriptPath, script.HereDocument);
            const string nobody = "65534";
            var asRoot = Shell.Check("id", ["-u"], folder.FullName) == "0";

            var result = Shell.Run("/bin/sh", [scriptPath, "--Portal:SeedSampleVerses=false"], folder.FullName,
                new Dictionary<string, string>
                {
                    ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}",
                    ["APP_UID"] = nobody,
                    ["Portal__DataDirectory"] = data,
                });

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Contains("args=/app/Portal.Web.dll --Portal:SeedSampleVerses=false", result.Output);
            if (asRoot)
            {
                // Root hands the data directory to the unprivileged user, then drops to it (with that user's HOME).
                Assert.StartsWith($"uid={nobody} ", result.Output);
                Assert.DoesNotContain("home=/root", result.Output);
                Assert.Equal(nobody, Shell.Check("stat", ["-c", "%u", data], folder.FullName));
            }
            else
            {
                // Already unprivileged: the portal runs as that user and the data directory is left alone.
                Assert.StartsWith($"uid={Shell.Check("id", ["-u"], folder.FullName)} ", result.Output);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
