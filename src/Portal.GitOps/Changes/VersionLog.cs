namespace Portal.GitOps.Changes;

/// <summary>VERSION_LOG.md: one "# Version log" heading, then the entries, newest first.</summary>
internal static class VersionLog
{
    public const string FileName = "VERSION_LOG.md";
    public const string Heading = "# Version log";

    /// <summary>The log with <paramref name="entry"/> on top of the entries <paramref name="existing"/> holds (none when null).</summary>
    public static string Prepend(string? existing, string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entries = WithoutHeading((existing ?? "").ReplaceLineEndings("\n")).Trim('\n');
        var top = entry.ReplaceLineEndings("\n").Trim('\n');
        return Heading + "\n\n" + top + "\n" + (entries.Length == 0 ? "" : "\n" + entries + "\n");
    }

    private static string WithoutHeading(string log)
    {
        var start = 0;
        while (start < log.Length && char.IsWhiteSpace(log[start]))
            start++;
        var lineEnd = log.IndexOf('\n', start);
        var firstLine = lineEnd < 0 ? log[start..] : log[start..lineEnd];
        if (!string.Equals(firstLine.Trim(), Heading, StringComparison.OrdinalIgnoreCase))
            return log;
        return lineEnd < 0 ? "" : log[(lineEnd + 1)..];
    }
}
