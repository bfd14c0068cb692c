namespace Portal.GitOps.Tests.Support;

/// <summary>The git command line, as a person or the serving app would use it: the independent witness of what was pushed.</summary>
internal static class GitCli
{
    // No global or system configuration of this machine, no prompt for a password: only what the test says.
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_AUTHOR_NAME"] = "Someone Else",
        ["GIT_AUTHOR_EMAIL"] = "someone@example.com",
        ["GIT_COMMITTER_NAME"] = "Someone Else",
        ["GIT_COMMITTER_EMAIL"] = "someone@example.com",
    };

    public static string Run(string? workingDirectory, params string[] arguments) =>
        ProcessRunner.Run("git", arguments, workingDirectory, Environment).TrimEnd('\n');

    public static (int ExitCode, string Output, string Error) TryRun(string? workingDirectory, params string[] arguments) =>
        ProcessRunner.TryRun("git", arguments, workingDirectory, Environment);

    public static string Clone(string url, string directory)
    {
        Run(null, "clone", "--quiet", url, directory);
        return directory;
    }
}
