using System.Globalization;
using System.Text;

namespace Portal.Core.Verses;

/// <summary>
/// Tags are stored lower-case, trimmed, with inner whitespace collapsed, distinct and in the order the writer gave them.
/// </summary>
/// <remarks>
/// A comma always separates tags, even inside one raw entry: that keeps "rock, pop" typed into a single box from
/// becoming one tag, and it guarantees that every tag survives the comma-separated forms (the text export, a form field).
/// </remarks>
public static class VerseTags
{
    public const int MaxTagLength = 40;
    public const int MaxTags = 20;

    public static IReadOnlyList<string> Normalize(IEnumerable<string> raw)
    {
        ArgumentNullException.ThrowIfNull(raw);

        var tags = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in raw)
        {
            if (entry is null)
            {
                continue;
            }

            foreach (var piece in entry.Split(','))
            {
                var tag = CollapseWhitespace(piece).ToLowerInvariant();
                if (tag.Length > 0 && seen.Add(tag))
                {
                    tags.Add(tag);
                }
            }
        }
        return tags;
    }

    public static IReadOnlyList<string> Parse(string? commaSeparated) =>
        string.IsNullOrWhiteSpace(commaSeparated) ? [] : Normalize([commaSeparated]);

    /// <summary>Problems with already normalised tags, in a writer's words; empty when the tags can be stored.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);

        var problems = new List<string>();
        if (tags.Count > MaxTags)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"There are {tags.Count} tags; the limit is {MaxTags}."));
        }
        foreach (var tag in tags)
        {
            if (tag.Length > MaxTagLength)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"The tag \"{Shorten(tag)}\" is {tag.Length:N0} characters; the limit is {MaxTagLength}."));
            }
            if (tag.Any(char.IsControl))
            {
                problems.Add($"The tag \"{Shorten(tag)}\" contains a control character; remove it.");
            }
        }
        return problems;
    }

    private static string CollapseWhitespace(string s)
    {
        var builder = new StringBuilder(s.Length);
        var pendingSpace = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    // Messages quote the tag so the writer can find it, but never echo a megabyte back at them.
    private static string Shorten(string tag) => tag.Length <= MaxTagLength ? tag : string.Concat(tag.AsSpan(0, MaxTagLength), "…");
}
