using Portal.GitOps.Tests.Support;

namespace Portal.Web.Tests.Faults.Promotion;

/// <summary>The portal's working clone of the deploy repository (data/deploy), looked at with the git command line.</summary>
internal sealed class DeployClone(string dataDirectory)
{
    public string Path { get; } = System.IO.Path.Combine(dataDirectory, "deploy");

    /// <summary>Tag and branch both on the version's commit: the commit is whole (the branch moves last).</summary>
    public bool HasOnBranch(string tag)
    {
        if (!Directory.Exists(System.IO.Path.Combine(Path, ".git")))
            return false;
        var tagged = GitCli.TryRun(Path, "rev-parse", "--verify", "--quiet", tag + "^{commit}");
        var head = GitCli.TryRun(Path, "rev-parse", "--verify", "--quiet", "refs/heads/main");
        return tagged.ExitCode == 0 && head.ExitCode == 0 && tagged.Output.Trim() == head.Output.Trim();
    }

    /// <summary>
    /// git fsck finds nothing, git status shows nothing pending, no lock file is left in .git, the tags are exactly
    /// <paramref name="tags"/>, and the branch is the repository's first commit plus one commit per version.
    /// </summary>
    public void AssertConsistent(params string[] tags)
    {
        var fsck = GitCli.TryRun(Path, "fsck", "--full", "--strict", "--no-dangling");
        Assert.True(fsck.ExitCode == 0 && fsck.Error.Trim().Length == 0, $"git fsck: {fsck.Output}{fsck.Error}");
        Assert.Equal("", GitCli.Run(Path, "status", "--porcelain", "--untracked-files=all"));
        Assert.Empty(Directory.EnumerateFiles(System.IO.Path.Combine(Path, ".git"), "*.lock", SearchOption.AllDirectories));
        Assert.Equal(tags, GitCli.Run(Path, "tag", "--list", "--sort=version:refname").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal((tags.Length + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), GitCli.Run(Path, "rev-list", "--count", "main"));
        foreach (var tag in tags)
            Assert.Equal(1, GitCli.Run(Path, "log", "--format=%s", "main").Split('\n').Count(subject => subject.StartsWith(tag + ":", StringComparison.Ordinal)));
    }

    public string CommitOf(string tag) => GitCli.Run(Path, "rev-parse", tag + "^{commit}");
}
