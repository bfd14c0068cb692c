namespace Portal.GitOps.Tests.Packaging;

/// <summary>The serving image of a deploy repository (deploy/repo-template/Dockerfile).</summary>
public sealed class DeployRepoDockerfileTests
{
    private static readonly DockerfileText Dockerfile = DockerfileText.Load(Path.Combine(RepositoryFiles.RepoTemplate, "Dockerfile"));

    private static DockerStage Build => Dockerfile.Stage("build");

    private static string SourceGuard => Assert.Single(Build.Runs, run => run.Contains("-z \"$PORTAL_SOURCE\""));

    private static string Fetch => Assert.Single(Build.Runs, run => run.Contains("git fetch"));

    [Fact]
    public void EveryStageBuildsOnUbuntuNobleDotnetImages()
    {
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0-noble", Build.Image);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0-noble", Dockerfile.FinalStage.Image);
        Assert.All(Dockerfile.Stages, stage => Assert.EndsWith("-noble", stage.Image));
    }

    [Fact]
    public void ThePortalSourceIsABuildArgumentWithNoPlaceholder()
    {
        Assert.Equal("", Build.Args["PORTAL_SOURCE"]);
        Assert.Equal("main", Build.Args["PORTAL_REF"]);
    }

    [Fact]
    public void AnEmptyPortalSourceStopsTheBuildWithAMessageNamingIt()
    {
        var folder = Shell.TempFolder();
        try
        {
            var empty = Shell.Sh(SourceGuard, folder.FullName, new Dictionary<string, string> { ["PORTAL_SOURCE"] = "" });
            Assert.NotEqual(0, empty.ExitCode);
            Assert.Contains("PORTAL_SOURCE is empty", empty.Error);

            var set = Shell.Sh(SourceGuard, folder.FullName,
                new Dictionary<string, string> { ["PORTAL_SOURCE"] = "https://git.example.com/team/verse-portal.git" });
            Assert.True(set.ExitCode == 0, set.Error);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void ThePortalSourceIsFetchedAtABranchATagOrACommit()
    {
        var folder = Shell.TempFolder();
        try
        {
            // A stand-in for the portal's repository: v1 of the serving project, tagged, then a newer commit on main.
            var portal = folder.CreateSubdirectory("portal").FullName;
            var project = Path.Combine(portal, "src", "Portal.Serving", "Portal.Serving.csproj");
            Directory.CreateDirectory(Path.GetDirectoryName(project)!);
            Git(portal, "init", "-q", "-b", "main");
            File.WriteAllText(project, "first");
            Git(portal, "add", ".");
            Git(portal, "commit", "-q", "-m", "first");
            Git(portal, "tag", "release-1");
            var firstCommit = Git(portal, "rev-parse", "HEAD");
            File.WriteAllText(project, "second");
            Git(portal, "commit", "-q", "-am", "second");

            foreach (var (reference, expected) in new[] { ("main", "second"), ("release-1", "first"), (firstCommit, "first") })
            {
                var checkout = folder.CreateSubdirectory("checkout-" + expected + "-" + reference[..Math.Min(8, reference.Length)]).FullName;
                var result = Shell.Sh(Fetch, checkout, new Dictionary<string, string>
                {
                    ["PORTAL_SOURCE"] = new Uri(portal).AbsoluteUri,
                    ["PORTAL_REF"] = reference,
                });
                Assert.True(result.ExitCode == 0, $"{reference}: {result.Error}");
                Assert.Equal(expected, File.ReadAllText(Path.Combine(checkout, "src", "Portal.Serving", "Portal.Serving.csproj")));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void TheServingAppIsPublishedForTheCpuWithoutTheDebianLibstdcxxPatch()
    {
        var publish = Assert.Single(Build.Runs, run => run.Contains("dotnet publish"));
        Assert.Contains("src/Portal.Serving", publish);
        Assert.Contains("-p:TorchBackend=cpu", publish);
        Assert.Contains("-p:TorchSharpGlibcFix=false", publish);
    }

    [Fact]
    public void TheModelAndItsManifestAreBakedInWhereTheServingAppLoadsThem()
    {
        var final = Dockerfile.FinalStage;
        var command = EntrypointCommand();
        var modelFolder = System.Text.RegularExpressions.Regex.Match(command, @"--model (\S+)").Groups[1].Value;
        Assert.NotEqual("", modelFolder);

        var copies = final.All("COPY").Select(c => c.Arguments).ToList();
        Assert.Contains($"manifest.json {modelFolder}/manifest.json", copies);
        Assert.Contains($"model/ {modelFolder}/model/", copies);
    }

    [Fact]
    public void TheServingAppRunsUnprivilegedOnRendersPort()
    {
        var user = Assert.Single(Dockerfile.FinalStage.All("USER")).Arguments;
        Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });

        var folder = Shell.TempFolder();
        try
        {
            var bin = Shell.FakeProgram(folder, "dotnet");
            var path = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";

            var onRender = Shell.Sh(EntrypointCommand(), folder.FullName, new Dictionary<string, string> { ["PATH"] = path, ["PORT"] = "10123" });
            Assert.True(onRender.ExitCode == 0, onRender.Error);
            Assert.Contains("args=/app/Portal.Serving.dll --model /app/deploy --urls http://0.0.0.0:10123", onRender.Output);

            var noPort = Shell.Run("/usr/bin/env", ["-u", "PORT", "/bin/sh", "-c", EntrypointCommand()], folder.FullName,
                new Dictionary<string, string> { ["PATH"] = path });
            Assert.True(noPort.ExitCode == 0, noPort.Error);
            Assert.Contains("--urls http://0.0.0.0:10000", noPort.Output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The shell command of the exec-form ENTRYPOINT ["/bin/sh", "-c", command]: a shell, so that $PORT expands.</summary>
    private static string EntrypointCommand()
    {
        var entrypoint = Assert.Single(Dockerfile.FinalStage.All("ENTRYPOINT")).ExecForm!;
        Assert.Equal(new[] { "/bin/sh", "-c" }, entrypoint.Take(2));
        return Assert.Single(entrypoint.Skip(2));
    }

    private static string Git(string repository, params string[] arguments) =>
        Shell.Check("git", ["-c", "user.name=Packaging test", "-c", "user.email=packaging@example.com", .. arguments], repository);
}
