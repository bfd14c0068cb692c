using System.Reflection;

namespace Portal.GitOps.Tests.Packaging;

/// <summary>deploy/repo-template: the files a new deploy repository starts from, as Portal.GitOps carries them.</summary>
public sealed class RepoTemplateTests
{
    private static readonly Assembly GitOps = Assembly.Load("Portal.GitOps");

    private static Dictionary<string, string> TemplateFiles() =>
        Directory.EnumerateFiles(RepositoryFiles.RepoTemplate, "*", SearchOption.AllDirectories)
            .ToDictionary(file => "RepoTemplate/" + Path.GetRelativePath(RepositoryFiles.RepoTemplate, file).Replace('\\', '/'));

    [Fact]
    public void EveryTemplateFileIsEmbeddedInPortalGitOpsAsItIs()
    {
        var embedded = GitOps.GetManifestResourceNames()
            .Where(name => name.Replace('\\', '/').StartsWith("RepoTemplate/", StringComparison.Ordinal))
            .ToDictionary(name => name.Replace('\\', '/'));
        var files = TemplateFiles();

        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), embedded.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, file) in files)
        {
            using var stream = GitOps.GetManifestResourceStream(embedded[name])!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(copy.ToArray()), $"{name} differs from {file}.");
        }
    }

    [Fact]
    public void TheTemplateHasEveryFileTheDeployRepositoryStartsWith()
    {
        Assert.Superset(new HashSet<string> { "RepoTemplate/Dockerfile", "RepoTemplate/render.yaml", "RepoTemplate/README.md", "RepoTemplate/.dockerignore" },
            TemplateFiles().Keys.ToHashSet());
    }

    [Fact]
    public void TheReadmeExplainsEveryFileAndEndpoint()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFiles.RepoTemplate, "README.md"));
        string[] mentions = ["`model/`", "`manifest.json`", "`MODEL_CARD.md`", "`VERSION_LOG.md`", "`Dockerfile`", "`render.yaml`",
            "`POST /generate`", "`GET /healthz`", "`GET /version`", "docker build", "docker run", "force-push", "`PORTAL_SOURCE`"];
        Assert.All(mentions, mention => Assert.Contains(mention, readme));
    }

    [Fact]
    public void TheGitHistoryStaysOutOfTheServingImageBuild() =>
        Assert.Contains(".git", IgnoreLines(Path.Combine(RepositoryFiles.RepoTemplate, ".dockerignore")));

    [Fact]
    public void ThePortalImageBuildLeavesOutGitHistoryBuildOutputAndData()
    {
        var patterns = IgnoreLines(RepositoryFiles.PathOf(".dockerignore"));
        Assert.Superset(new HashSet<string> { ".git", "**/bin", "**/obj", "**/data" }, patterns);
        // The image needs these: the portal's sources, the build settings, static assets and the embedded templates.
        Assert.DoesNotContain(patterns, p => p is "src" or "build" or "wwwroot" or "deploy" or "deploy/repo-template");
    }

    private static HashSet<string> IgnoreLines(string path) => File.ReadAllLines(path)
        .Select(line => line.Trim())
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => line.TrimEnd('/'))
        .ToHashSet();
}
