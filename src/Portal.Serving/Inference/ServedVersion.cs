namespace Portal.Serving.Inference;

/// <summary>Which version a loaded model is: its manifest's number, the commit it came from (null for a folder that is not a git checkout), and when it was loaded.</summary>
internal sealed record ServedVersion(int Version, string? Commit, DateTimeOffset LoadedAt)
{
    /// <summary>"v3 (commit 1a2b3c4)" for log lines.</summary>
    public override string ToString() => $"v{Version}" + (Commit is { Length: >= 7 } commit ? $" (commit {commit[..7]})" : "");
}
