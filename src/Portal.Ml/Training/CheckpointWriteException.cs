namespace Portal.Ml.Training;

/// <summary>
/// A checkpoint that could not be written (a full disk, a folder gone). Nothing was replaced: the checkpoints written
/// before it are intact. Carries the step and the file so that the reason a writer reads can name them.
/// </summary>
public sealed class CheckpointWriteException : IOException
{
    public CheckpointWriteException(string path, int step, IOException innerException)
        : base($"The checkpoint of step {step} could not be written to \"{path}\": {innerException?.Message}", innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        Path = path;
        Step = step;
        // The operating system's error code (ENOSPC is 28) stays visible to whoever classifies the failure.
        HResult = innerException.HResult;
    }

    public string Path { get; }

    public int Step { get; }
}
