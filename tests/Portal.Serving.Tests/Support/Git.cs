using System.Diagnostics;

namespace Portal.Serving.Tests.Support;

/// <summary>The git command line, independent of the LibGit2Sharp code under test, with no user or system configuration.</summary>
internal static class Git
{
    public static string Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        foreach (var setting in new[] { "user.name=Serving Tests", "user.email=tests@example.invalid", "commit.gpgsign=false", "tag.gpgsign=false" })
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(setting);
        }
        foreach (var arg in args)
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("git did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"git {string.Join(' ', args)} did not finish.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}");
        return output.Result.Trim();
    }
}
