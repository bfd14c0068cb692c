using System.Diagnostics;
using System.Text;

namespace Portal.E2E.Tests.Support;

/// <summary>
/// The serving app (src/Portal.Serving) as its own OS process, the way it runs on a host: it pulls the deploy branch
/// from a repository at an interval and hot-swaps the model. Its output is kept so that a failing test can say what
/// the app saw. Disposing kills it.
/// </summary>
public sealed class ServingProcess : IAsyncDisposable
{
    /// <summary>Start-up includes the first load of libtorch on a busy 2-core machine: long, and only a guard against a hang.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);

    private readonly Process process;
    private readonly string work;
    private readonly StringBuilder output = new();
    private readonly HttpClient http;

    private ServingProcess(Process process, string work, Uri address)
    {
        this.process = process;
        this.work = work;
        Address = address;
        http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    /// <summary>
    /// Starts `dotnet Portal.Serving.dll --repo ... --branch ... --interval 1s --work ... --urls ...` and waits until
    /// it answers GET /version. Its own clone and checkouts go to a temporary folder, deleted with the process.
    /// </summary>
    public static async Task<ServingProcess> StartAsync(string repository, string branch, Uri address)
    {
        var work = Path.Combine(Path.GetTempPath(), $"portal-serving-e2e-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            ServingAssembly(), "--repo", repository, "--branch", branch, "--interval", "1s", "--work", work, "--urls", address.ToString().TrimEnd('/'),
        ];
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // Settings of the machine running the tests must not leak into the app under test.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");

        var serving = new ServingProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), work, address);
        serving.process.OutputDataReceived += (_, e) => serving.Append(e.Data);
        serving.process.ErrorDataReceived += (_, e) => serving.Append(e.Data);
        serving.process.BeginOutputReadLine();
        serving.process.BeginErrorReadLine();
        try
        {
            await serving.WaitUntilAnsweringAsync();
            return serving;
        }
        catch
        {
            await serving.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var limit = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The serving app exited with code {process.ExitCode}:{Environment.NewLine}{Output}");
            try
            {
                using var response = await http.GetAsync("version");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (limit.Elapsed > StartLimit)
                throw new TimeoutException($"The serving app did not answer GET /version within {StartLimit}:{Environment.NewLine}{Output}");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        // Killed mid-write, the app may leave files a moment behind its exit; a leftover temp folder is not worth a failure.
        try
        {
            if (Directory.Exists(work))
                Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The serving app built next to this test assembly's configuration (the project reference builds it).</summary>
    private static string ServingAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);          // tests/Portal.E2E.Tests/bin/<Config>/net10.0/
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var repository = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(repository, "src", "Portal.Serving", "bin", configuration, framework, "Portal.Serving.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Build the solution first: the serving app is not at {path}.", path);
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }
}
