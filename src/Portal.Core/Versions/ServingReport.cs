namespace Portal.Core.Versions;

/// <summary>
/// What a serving app answers on GET /version: the version it serves, the commit it came from, and, in pull mode,
/// the last check of the deploy branch and why the last update failed if it did (the old version keeps serving).
/// </summary>
public sealed record ServingReport
{
    public int? Version { get; init; }
    public string? Commit { get; init; }
    public DateTimeOffset? LoadedAt { get; init; }
    public string? Branch { get; init; }
    public DateTimeOffset? LastCheck { get; init; }
    public string? LastError { get; init; }
}
