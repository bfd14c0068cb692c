using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Data.Backup;

/// <summary>
/// portal-20261124T081500Z.db: the UTC time is in the name, so a backup keeps its date when copied elsewhere, and the
/// names sort by age. A name that does not match is never listed, served or deleted, which also keeps any
/// user-supplied name from reaching outside the backups folder.
/// </summary>
public static partial class BackupFileNames
{
    private const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>The name of a backup taken at <paramref name="at"/>; <paramref name="attempt"/> above 1 tells apart two in one second.</summary>
    public static string For(DateTimeOffset at, int attempt = 1) =>
        $"portal-{at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}{(attempt > 1 ? $"-{attempt}" : "")}.db";

    /// <summary>Where a backup is written before it is checked; never matches <see cref="TryParse"/>.</summary>
    public static string Partial(string name) => "." + name + ".partial";

    public static bool TryParse(string name, out DateTimeOffset createdAt)
    {
        createdAt = default;
        var match = Name().Match(name);
        return match.Success && DateTimeOffset.TryParseExact(match.Groups[1].Value, TimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out createdAt);
    }

    /// <summary>1 for the first backup of its second, 2 and up for later ones: orders backups taken in the same second.</summary>
    public static int Attempt(string name) =>
        Name().Match(name) is { Success: true } match && match.Groups[2].Success ? int.Parse(match.Groups[2].Value[1..], CultureInfo.InvariantCulture) : 1;

    [GeneratedRegex(@"^portal-(\d{8}T\d{6}Z)(-\d{1,4})?\.db$")]
    private static partial Regex Name();
}
