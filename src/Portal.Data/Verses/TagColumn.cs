namespace Portal.Data.Verses;

/// <summary>Tags in one column as "|a|b|": a tag filter becomes LIKE '%|a|%' with no join.</summary>
internal static class TagColumn
{
    public static string Join(IEnumerable<string> tags)
    {
        var joined = string.Join('|', tags);
        return joined.Length == 0 ? "" : $"|{joined}|";
    }

    public static IReadOnlyList<string> Split(string column) =>
        column.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string FilterPattern(string tag) => $"%|{LikePattern.Escape(tag)}|%";
}
