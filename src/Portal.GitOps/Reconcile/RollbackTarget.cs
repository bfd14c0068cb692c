using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Core.Versions;

namespace Portal.GitOps.Reconcile;

/// <summary>
/// The sentence a rollback's tag message ends with, written by the rollback and read back when the portal rebuilds a
/// lost version record from the repository: one place for both, so that they cannot drift apart.
/// </summary>
internal static partial class RollbackTarget
{
    public static string Sentence(string tag, int target) =>
        $"{tag} is a rollback to {VersionTag.Of(target)}: its files are exactly {VersionTag.Of(target)}'s.";

    /// <summary>The target version a tag message names, or null for a promotion's tag.</summary>
    public static int? Parse(string tagMessage)
    {
        var match = SentencePattern().Match(tagMessage);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var target) ? target : null;
    }

    [GeneratedRegex(@"^v\d+ is a rollback to v(\d+): its files are exactly v\1's\.\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SentencePattern();
}
