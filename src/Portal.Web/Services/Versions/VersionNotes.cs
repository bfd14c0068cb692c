namespace Portal.Web.Services.Versions;

/// <summary>The promoter's note as it is committed and recorded.</summary>
internal static class VersionNotes
{
    /// <summary>Trimmed, without NUL characters: git cannot keep those in a commit message.</summary>
    public static string Normalize(string? note) => (note ?? "").Replace("\0", "", StringComparison.Ordinal).Trim();
}
