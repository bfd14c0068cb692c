namespace Portal.Ml.Model;

/// <summary>
/// A checkpoint that cannot become a model: files missing, an unsupported format, or tensors that do not fit its
/// config. Thrown before any weight is copied, so nothing is half-loaded. <see cref="Problems"/> lists every reason.
/// </summary>
public sealed class InvalidCheckpointException : Exception
{
    private const int Shown = 12;

    public InvalidCheckpointException(string summary, IReadOnlyList<string> problems, Exception? innerException = null)
        : base(Format(summary, problems), innerException) => Problems = problems;

    public IReadOnlyList<string> Problems { get; }

    private static string Format(string summary, IReadOnlyList<string> problems) =>
        $"{summary}: " + string.Join("; ", problems.Take(Shown))
        + (problems.Count > Shown ? $"; and {problems.Count - Shown} more." : ".");
}
