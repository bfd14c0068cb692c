using System.Diagnostics;

namespace Portal.Web.Tests.Versions;

/// <summary>The git command line, to look at the deploy remote the way a person (or the serving app's clone) would.</summary>
internal static class GitCli
{
    public static string Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // The machine's git settings (a default branch, a template, credentials) stay out of it.
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var git = Process.Start(start)!;
        var error = git.StandardError.ReadToEndAsync();
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)} failed: {error.Result}");
        return output;
    }

    /// <summary>A fresh clone of <paramref name="remote"/> with every tag, in <paramref name="into"/>.</summary>
    public static string Clone(string remote, string into)
    {
        var target = Path.Combine(into, "clone");
        Run(into, "clone", "--quiet", remote, target);
        return target;
    }

    public static IReadOnlyList<string> Tags(string clone) =>
        Run(clone, "tag", "--list").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static string TreeOf(string clone, string revision) => Run(clone, "rev-parse", revision + "^{tree}").Trim();

    public static string Show(string clone, string revision, string path) => Run(clone, "show", $"{revision}:{path}");
}
