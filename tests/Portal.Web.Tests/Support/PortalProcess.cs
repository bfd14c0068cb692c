using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Web.Tests.Support;

/// <summary>
/// `dotnet Portal.Web.dll` as its own OS process on a loopback port the OS picks, so that a test can kill it with
/// SIGKILL (no shutdown code runs: a power cut, the OOM killer) and start it again on the same data directory.
/// Starts the way CI's portal does: an admin with <see cref="PortalFactory.AdminToken"/>, the worker token, no samples.
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<Uri> address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PortalProcess(Process process, string dataDirectory)
    {
        this.process = process;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    /// <summary>Where the portal listens; set once <see cref="StartAsync"/> returns.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    public bool HasExited => process.HasExited;

    /// <summary>The portal's own process (`dotnet Portal.Web.dll` runs the app in the host process), e.g. to read /proc.</summary>
    public int ProcessId => process.Id;

    /// <summary>Everything the portal printed, for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    /// <summary>
    /// Starts the portal on <paramref name="dataDirectory"/> and returns when it answers /healthz.
    /// <paramref name="settings"/> are configuration keys ("Portal:Import:MaxBytes"), passed as environment variables.
    /// </summary>
    public static async Task<PortalProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // appsettings.json is read from the content root, which is the working directory.
            WorkingDirectory = Path.GetDirectoryName(PortalAssembly())!,
        };
        start.ArgumentList.Add(PortalAssembly());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        var environment = new Dictionary<string, string>
        {
            ["Portal:DataDirectory"] = dataDirectory,
            ["Portal:SeedSampleVerses"] = "false",
            ["PORTAL_ADMIN_USER"] = PortalFactory.AdminUser,
            ["PORTAL_ADMIN_PASSWORD"] = PortalFactory.AdminPassword,
            ["PORTAL_API_TOKEN"] = PortalFactory.AdminToken,
            ["PORTAL_WORKER_TOKEN"] = PortalFactory.WorkerToken,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key] = value;
        foreach (var (key, value) in environment)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var portal = new PortalProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), dataDirectory);
        portal.process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        portal.process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        portal.process.BeginOutputReadLine();
        portal.process.BeginErrorReadLine();
        try
        {
            portal.BaseAddress = await portal.address.Task.WaitAsync(StartTimeout);
            await portal.WaitHealthyAsync();
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
        return portal;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

    public HttpClient CreateBearerClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient CreateAdminClient() => CreateBearerClient(PortalFactory.AdminToken);

    /// <summary>SIGKILL to the portal and anything it started.</summary>
    public void Kill()
    {
        if (process.HasExited)
            return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitHealthyAsync()
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The portal exited with code {process.ExitCode}:\n{Output}");
            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The portal did not answer /healthz within {StartTimeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>The portal built next to this test assembly's configuration (the solution builds both).</summary>
    private static string PortalAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);          // tests/Portal.Web.Tests/bin/<Config>/net10.0/
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var repository = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(repository, "src", "Portal.Web", "bin", configuration, framework, "Portal.Web.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Build the solution first: the portal is not at {path}.", path);
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
        // The startup banner names the address Kestrel actually bound.
        if (RunningAt().Match(line) is { Success: true } match)
            address.TrySetResult(new Uri(match.Groups[1].Value));
    }

    [GeneratedRegex(@"Verse Portal is running at (http://\S+)")]
    private static partial Regex RunningAt();
}
