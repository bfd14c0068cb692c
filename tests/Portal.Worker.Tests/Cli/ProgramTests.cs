using System.Diagnostics;

namespace Portal.Worker.Tests.Cli;

/// <summary>The worker program as a user starts it: its own build output, in its own process.</summary>
public class ProgramTests
{
    /// <summary>
    /// The worker's build output, not the copy beside the tests: this project takes Microsoft.Extensions.Hosting from
    /// the ASP.NET Core framework, so the copy here lacks the package the worker ships with.
    /// </summary>
    private static string WorkerDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));  // bin/<configuration>/<tfm>
        var repository = output;
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "Portal.sln")))
            repository = repository.Parent;
        Assert.NotNull(repository);
        return Path.Combine(repository.FullName, "src", "Portal.Worker", "bin", output.Parent!.Name, output.Name, "Portal.Worker.dll");
    }

    private static async Task<(int ExitCode, string Output)> RunWorkerAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(WorkerDll());
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment.Remove("PORTAL_WORKER_TOKEN");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task BadArgumentsExitWithCodeTwoAndTheUsageButNotTheToken()
    {
        var (exitCode, output) = await RunWorkerAsync("--portal", "not a url", "--token", "tok-93bd1");

        Assert.Equal(2, exitCode);
        Assert.Contains("--portal must be an http or https address", output);
        Assert.Contains("Usage: Portal.Worker --portal URL", output);
        Assert.DoesNotContain("tok-93bd1", output);
    }
}
