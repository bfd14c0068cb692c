namespace Portal.Web.Api;

/// <summary>
/// A file name a worker may read or write: one plain name in the job's folder. Anything that could climb out of
/// it (a separator, plain or percent-encoded), hide as a dot file (our temporary uploads are dot files) or confuse a
/// terminal is refused.
/// </summary>
internal static class WorkerFileName
{
    public const int MaxLength = 100;

    public static bool IsValid(string? name) =>
        !string.IsNullOrWhiteSpace(name)
        && name.Length <= MaxLength
        && !name.StartsWith('.')
        && !name.Contains("..", StringComparison.Ordinal)
        && name.IndexOfAny(['/', '\\', ':', '%']) < 0
        && !name.Any(char.IsControl)
        && name.Trim() == name;
}
