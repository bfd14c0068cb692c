using System.Diagnostics;

namespace Portal.Web.Tests.Durability;

/// <summary>`dotnet Portal.Web.dll restore FILE` as a person runs it: its own process, the data directory from the environment.</summary>
internal static class RestoreRun
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string dataDirectory, string backupFile)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        // The portal's assembly is copied next to the tests with its runtimeconfig and deps, so it runs from here.
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll"));
        start.ArgumentList.Add("restore");
        start.ArgumentList.Add(backupFile);
        start.Environment["Portal__DataDirectory"] = dataDirectory;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("restore did not finish within two minutes.");
        }
        return new Result(process.ExitCode, await output, await error);
    }
}
