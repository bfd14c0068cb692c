using System.Text.Json;

namespace Portal.Worker.Execution;

/// <summary>
/// run-metrics.json in a run directory. Replaced whole through a temporary file and a rename, so that a worker killed
/// mid-write (or a remote worker uploading the folder at that moment) never leaves a half-written file.
/// </summary>
public static class RunMetricsFile
{
    public const string FileName = "run-metrics.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string PathIn(string runDirectory) => Path.Combine(runDirectory, FileName);

    /// <summary>The metrics of earlier attempts, or null when there are none (or none readable).</summary>
    public static RunMetrics? Read(string runDirectory)
    {
        var path = PathIn(runDirectory);
        if (!File.Exists(path))
            return null;
        using var stream = File.OpenRead(path);
        try
        {
            return JsonSerializer.Deserialize<RunMetrics>(stream, Json);
        }
        catch (JsonException)
        {
            // Figures are worth less than the run: resume without them rather than fail the job.
            return null;
        }
    }

    public static void Write(string runDirectory, RunMetrics metrics)
    {
        Directory.CreateDirectory(runDirectory);
        var path = PathIn(runDirectory);
        // Dot-prefixed and .tmp: a remote worker's upload skips it.
        var temporary = Path.Combine(runDirectory, $".{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, metrics, Json);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
