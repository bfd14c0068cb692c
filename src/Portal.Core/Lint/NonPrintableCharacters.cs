using System.Globalization;
using System.Text;

namespace Portal.Core.Lint;

/// <summary>
/// Finds characters a writer cannot see but the model trains on: control and format characters, stray line
/// separators, private-use code points, half surrogate pairs and U+FFFD (the mark of an earlier encoding accident).
/// </summary>
internal static class NonPrintableCharacters
{
    private const int ZeroWidthNonJoiner = 0x200C;
    private const int ZeroWidthJoiner = 0x200D;
    private const int FirstTagCharacter = 0xE0020;
    private const int LastTagCharacter = 0xE007F;

    /// <summary>The first non-printable code point in <paramref name="line"/>, or null. Tabs are printable layout.</summary>
    public static int? FindFirst(ReadOnlySpan<char> line)
    {
        while (!line.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(line, out var rune, out var consumed) is not System.Buffers.OperationStatus.Done)
            {
                return line[0];
            }
            if (IsNonPrintable(rune))
            {
                return rune.Value;
            }
            line = line[consumed..];
        }
        return null;
    }

    private static bool IsNonPrintable(Rune rune)
    {
        if (rune.Value is '\t' or ZeroWidthJoiner or ZeroWidthNonJoiner || rune.Value is >= FirstTagCharacter and <= LastTagCharacter)
        {
            // Joiners build emoji sequences and shape Persian and Indic script; tag characters build flag emoji.
            return false;
        }
        return rune == Rune.ReplacementChar || Rune.GetUnicodeCategory(rune) is
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
    }
}
