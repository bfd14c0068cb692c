namespace Portal.Core.Import;

/// <summary>
/// The plain-text verse format, shared by import and export so that the two cannot drift apart:
/// <code>
/// # prompt (a longer prompt continues on further "# " lines)
/// ## tags: ballad, night
/// ## notes: optional, one "## notes:" line per line of notes
/// first bar
/// second bar
///
/// # the next verse's prompt
/// ...
/// </code>
/// Verses are separated by blank lines; a "#" line starts a new verse only after a blank line, so a stray "#" inside
/// lyrics is reported instead of silently splitting the verse. Blank lines inside lyrics are kept.
/// <para>
/// Escaping: a lyric line that begins with "#" or "{" is written with a backslash in front ("\#", "\{"), and so is a
/// lyric line that already begins with "\#", "\{" or "\\". Reading removes one backslash from a line beginning with
/// "\#", "\{" or "\\" and from no other line, so "\o/" stays as typed, and every lyric survives a round trip.
/// "{" is escaped so that a lyric can never be mistaken for a JSON line in a mixed-up file.
/// </para>
/// </summary>
internal static class PlainTextSyntax
{
    public const string PromptMarker = "#";
    public const string FieldMarker = "##";
    public const string TagsField = "tags";
    public const string NotesField = "notes";

    public static string EscapeLyricLine(string line) => NeedsEscape(line) ? "\\" + line : line;

    public static string UnescapeLyricLine(string line) =>
        line.Length >= 2 && line[0] == '\\' && line[1] is '#' or '{' or '\\' ? line[1..] : line;

    public static string PromptLine(string line) => line.Length == 0 ? PromptMarker : PromptMarker + " " + line;

    public static string FieldLine(string name, string value) =>
        value.Length == 0 ? $"{FieldMarker} {name}:" : $"{FieldMarker} {name}: {value}";

    private static bool NeedsEscape(string line) =>
        line.Length > 0 && (line[0] is '#' or '{' || UnescapeLyricLine(line).Length != line.Length);
}
