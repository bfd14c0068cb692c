using System.Text;

namespace Portal.Core.Verses;

/// <summary>
/// Puts text into the one form we store and hash, so that the same verse saved on Windows and on a Mac is the same verse.
/// </summary>
public static class VerseTextCleaner
{
    private const char ByteOrderMark = '\uFEFF';

    /// <summary>CRLF and CR become LF, a leading BOM goes, each line loses trailing whitespace, and blank lines at both ends go.</summary>
    public static string Clean(string s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return string.Empty;
        }

        var text = s.AsSpan();
        if (text[0] == ByteOrderMark)
        {
            text = text[1..];
        }

        var builder = new StringBuilder(text.Length);
        var pendingNewlines = 0;
        foreach (var rawLine in new LineSplitter(text))
        {
            var line = rawLine.TrimEnd();
            if (line.IsEmpty)
            {
                // Only kept when more text follows, which drops trailing blank lines without a second pass.
                pendingNewlines += builder.Length > 0 ? 1 : 0;
                continue;
            }
            if (builder.Length > 0)
            {
                builder.Append('\n', pendingNewlines + 1);
            }
            pendingNewlines = 0;
            builder.Append(line);
        }
        return builder.ToString();
    }
}
