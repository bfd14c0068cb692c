using System.Globalization;
using System.Runtime.InteropServices;
using Portal.Ml.Model;
using Portal.Ml.Training;

namespace Portal.Worker.Execution;

/// <summary>
/// One line a writer understands for why a run failed. The exception itself, with its stack trace, goes to the
/// worker's log; the job only ever shows this line.
/// </summary>
public static class FailureReasons
{
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            JobSetupException setup => setup.Message,
            _ when IsDiskFull(exception) && Chain(exception).OfType<CheckpointWriteException>().FirstOrDefault() is { } write => DiskFullDuring(write),
            _ when IsDiskFull(exception) => "Out of disk space while writing a checkpoint or the model; free some space on the worker and retrain.",
            _ when IsOutOfMemory(exception) => "Ran out of memory; retrain with a smaller batch size or context length.",
            InvalidCheckpointException checkpoint => $"The model to start from cannot be loaded: {FirstLine(checkpoint.Message)}",
            InvalidDataException data => $"A file the run needs cannot be used: {FirstLine(data.Message)}",
            UnauthorizedAccessException => "The worker may not write to the job's folders; check their permissions.",
            IOException io => $"A file could not be read or written: {FirstLine(io.Message)}",
            _ => $"Training stopped on an unexpected error ({exception.GetType().Name}): {FirstLine(exception.Message)}",
        };
    }

    /// <summary>Names the step and the folder, and how much room is left there, so that whoever frees space knows where.</summary>
    private static string DiskFullDuring(CheckpointWriteException write)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(write.Path)) ?? write.Path;
        return string.Create(CultureInfo.InvariantCulture,
            $"No space left on device while writing the checkpoint of step {write.Step}: free space in {folder}{FreeSpace(folder)} and retrain. The checkpoints written before it are intact.");
    }

    private static string FreeSpace(string folder)
    {
        try
        {
            return string.Create(CultureInfo.InvariantCulture, $" ({new DriveInfo(folder).AvailableFreeSpace / 1024.0 / 1024.0:0.#} MB free now)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return "";
        }
    }

    /// <summary>ENOSPC on Linux and macOS, ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows.</summary>
    private static bool IsDiskFull(Exception exception) =>
        Chain(exception).OfType<IOException>().Any(io =>
            io.HResult is 28 or unchecked((int)0x80070070) or unchecked((int)0x80070027)
            || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase));

    /// <summary>libtorch reports an allocation failure as an ExternalException with its own message.</summary>
    private static bool IsOutOfMemory(Exception exception) =>
        Chain(exception).Any(e => e is OutOfMemoryException
            || (e is ExternalException && (e.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("DefaultCPUAllocator", StringComparison.Ordinal))));

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            yield return e;
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
