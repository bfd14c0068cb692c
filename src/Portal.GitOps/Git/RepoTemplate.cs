namespace Portal.GitOps.Git;

/// <summary>
/// The files a new deploy repository starts with (deploy/repo-template: the serving Dockerfile, render.yaml, ...),
/// embedded in this assembly as RepoTemplate/&lt;path&gt; so that the portal needs no source tree to create one.
/// </summary>
internal static class RepoTemplate
{
    private const string Prefix = "RepoTemplate/";

    /// <summary>Paths relative to the repository root, '/'-separated.</summary>
    public static IReadOnlyList<string> Files { get; } = typeof(RepoTemplate).Assembly.GetManifestResourceNames()
        .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(name => name[Prefix.Length..].Replace('\\', '/'))
        .Order(StringComparer.Ordinal)
        .ToList();

    public static void WriteTo(string workingDirectory)
    {
        var assembly = typeof(RepoTemplate).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var relative = name[Prefix.Length..].Replace('\\', '/');
            var target = Path.GetFullPath(Path.Combine(workingDirectory, relative));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var source = assembly.GetManifestResourceStream(name)!;
            using var file = File.Create(target);
            source.CopyTo(file);
        }
    }
}
