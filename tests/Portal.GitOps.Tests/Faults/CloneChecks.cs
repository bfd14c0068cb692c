using Portal.GitOps.Tests.Support;

namespace Portal.GitOps.Tests.Faults;

/// <summary>What "the deploy repository is consistent" means, checked with the git command line as a person would.</summary>
internal static class CloneChecks
{
    /// <summary>git fsck finds nothing wrong, git status shows nothing pending, and no lock file is left anywhere in .git.</summary>
    public static void AssertConsistent(string clone)
    {
        var fsck = GitCli.TryRun(clone, "fsck", "--full", "--strict", "--no-dangling");
        Assert.True(fsck.ExitCode == 0 && fsck.Error.Trim().Length == 0, $"git fsck: {fsck.Output}{fsck.Error}");
        Assert.Equal("", GitCli.Run(clone, "status", "--porcelain", "--untracked-files=all"));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(clone, ".git"), "*.lock", SearchOption.AllDirectories));
    }

    public static IReadOnlyList<string> Tags(string clone) =>
        GitCli.Run(clone, "tag", "--list").Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
