using System.Text;

namespace Portal.Core.Versions;

/// <summary>
/// Puts user text (names, prompts, notes) into the Markdown files of the deploy repository so that it reads as
/// written but can never add structure of its own: no new line, heading or table cell the portal did not write.
/// </summary>
internal static class MarkdownText
{
    /// <summary>One line: every line break and control character becomes a space, runs of spaces become one.</summary>
    public static string Inline(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "";
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            var blank = char.IsControl(c) || char.IsWhiteSpace(c);
            if (!blank)
                builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != ' ')
                builder.Append(' ');
        }
        return builder.ToString().TrimEnd();
    }

    /// <summary>At most <paramref name="maxLength"/> characters of <see cref="Inline"/> text, with an ellipsis when cut.</summary>
    public static string Shortened(string? text, int maxLength)
    {
        var line = Inline(text);
        return line.Length <= maxLength ? line : line[..(maxLength - 1)].TrimEnd() + "…";
    }

    /// <summary>
    /// A table cell. Backslashes are escaped too: otherwise a user's "\|" would become "\\|", an escaped backslash
    /// followed by a pipe that splits the cell.
    /// </summary>
    public static string Cell(string? text) => Inline(text).Replace("\\", "\\\\").Replace("|", "\\|");

    /// <summary>
    /// A block quote, one "> " per line. Every line starting with '>' is what keeps the text inside the quote; a
    /// heading mark or a setext underline at the start of a line is escaped too, so that even rendered, a note
    /// cannot look like a version heading.
    /// </summary>
    public static string Quote(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Trim('\n').Split('\n');
        var builder = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = WithoutControlCharacters(raw).TrimEnd();
            builder.Append(line.Length == 0 ? ">" : "> " + EscapeLineStart(line)).Append('\n');
        }
        return builder.ToString();
    }

    private static string WithoutControlCharacters(string line) =>
        string.Concat(line.Select(c => c == '\t' ? ' ' : c).Where(c => !char.IsControl(c)));

    private static string EscapeLineStart(string line)
    {
        var body = line.TrimStart();
        var indent = line[..(line.Length - body.Length)];
        var underline = body.All(c => c is '=' or '-' or ' ');
        return body.StartsWith('#') || underline ? indent + "\\" + body : line;
    }
}
