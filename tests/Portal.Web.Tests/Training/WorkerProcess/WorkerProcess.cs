using System.Diagnostics;
using System.Text;

namespace Portal.Web.Tests.Training.WorkerProcess;

/// <summary>
/// `dotnet Portal.Worker.dll --portal URL` as its own OS process, the way it runs on a GPU machine. Its output is kept
/// so that a failing test can say what the worker saw.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private WorkerProcess(Process process) => this.process = process;

    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    public static WorkerProcess Start(Uri portal, string token, string workDirectory, string name)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { WorkerAssembly(), "--portal", portal.ToString(), "--work", workDirectory, "--name", name })
            start.ArgumentList.Add(argument);
        // The token goes through the environment, as on a real machine (a command line is visible to every user).
        start.Environment["PORTAL_WORKER_TOKEN"] = token;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var worker = new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
        worker.process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        worker.process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        worker.process.BeginOutputReadLine();
        worker.process.BeginErrorReadLine();
        return worker;
    }

    public bool HasExited => process.HasExited;

    /// <summary>SIGKILL: no shutdown code runs, exactly like a power cut or the OOM killer.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
            Kill();
        process.Dispose();
    }

    /// <summary>The worker built next to this test assembly's configuration (the solution builds both).</summary>
    private static string WorkerAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);          // tests/Portal.Web.Tests/bin/<Config>/net10.0/
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var repository = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(repository, "src", "Portal.Worker", "bin", configuration, framework, "Portal.Worker.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Build the solution first: the worker is not at {path}.", path);
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }
}
