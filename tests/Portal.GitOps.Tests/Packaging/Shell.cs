using System.Diagnostics;

namespace Portal.GitOps.Tests.Packaging;

/// <summary>Runs a command as a test step: the snippets of our Dockerfiles are shell, and run here as they would in a build.</summary>
internal static class Shell
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(string program, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within a minute.");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs a snippet with /bin/sh -c, as Docker runs the shell form of RUN.</summary>
    public static Result Sh(string script, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null) =>
        Run("/bin/sh", ["-c", script], workingDirectory, environment);

    /// <summary>Runs a command that must succeed and returns what it printed.</summary>
    public static string Check(string program, IEnumerable<string> arguments, string workingDirectory)
    {
        var result = Run(program, arguments, workingDirectory);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Error}");
        return result.Output.Trim();
    }

    /// <summary>A fresh folder that any user can enter (the start script is tested after it drops root).</summary>
    public static DirectoryInfo TempFolder()
    {
        var folder = Directory.CreateTempSubdirectory("verse-packaging-");
        MakeExecutableByAll(folder.FullName);
        return folder;
    }

    /// <summary>Writes an executable stand-in for a program that prints who ran it and with what arguments.</summary>
    public static string FakeProgram(DirectoryInfo folder, string name)
    {
        var bin = folder.CreateSubdirectory("bin");
        var path = Path.Combine(bin.FullName, name);
        File.WriteAllText(path, "#!/bin/sh\necho \"uid=$(id -u) home=$HOME args=$*\"\n");
        MakeExecutableByAll(bin.FullName);
        MakeExecutableByAll(path);
        return bin.FullName;
    }

    private static void MakeExecutableByAll(string path)
    {
        // The snippets under test are POSIX shell: these tests run on Linux (and macOS), like the images they check.
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("The packaging tests run POSIX shell snippets.");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
