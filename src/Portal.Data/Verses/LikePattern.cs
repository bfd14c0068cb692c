namespace Portal.Data.Verses;

/// <summary>Escapes user text for LIKE, so that "100%" searches for a percent sign instead of matching everything.</summary>
internal static class LikePattern
{
    public const string EscapeCharacter = "\\";

    public static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    public static string Contains(string text) => $"%{Escape(text)}%";
}
