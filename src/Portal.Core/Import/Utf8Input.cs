using System.Buffers;
using System.Text;
using System.Text.Unicode;
using static Portal.Core.Import.ImportMessages;

namespace Portal.Core.Import;

/// <summary>Byte-level facts about an import file: its BOM, whether it is strict UTF-8, and where it is not.</summary>
internal static class Utf8Input
{
    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];
    private static ReadOnlySpan<byte> Utf16LittleEndianMark => [0xFF, 0xFE];
    private static ReadOnlySpan<byte> Utf16BigEndianMark => [0xFE, 0xFF];

    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> content) =>
        content.StartsWith(ByteOrderMark) ? content[ByteOrderMark.Length..] : content;

    public static bool IsBlank(ReadOnlySpan<byte> content) => content.IndexOfAnyExcept(" \t\r\n"u8) < 0;

    /// <summary>A message naming the first byte that is not UTF-8, or null when the whole file is valid UTF-8.</summary>
    public static string? FindInvalid(ReadOnlySpan<byte> content)
    {
        if (Utf8.IsValid(content))
        {
            return null;
        }

        var offset = OffsetOfFirstInvalid(content);
        var line = content[..offset].Count((byte)'\n') + 1;
        var hint = content.StartsWith(Utf16LittleEndianMark) || content.StartsWith(Utf16BigEndianMark)
            ? " It looks like UTF-16: save it as UTF-8 and import it again."
            : " Save it as UTF-8 and import it again.";
        return Invariant($"The file is not valid UTF-8 text: byte {content[offset]:X2} at byte offset {offset:N0} (line {line}) is not part of a character.") + hint;
    }

    public static string Decode(ReadOnlySpan<byte> content) => Encoding.UTF8.GetString(content);

    private static int OffsetOfFirstInvalid(ReadOnlySpan<byte> content)
    {
        var buffer = ArrayPool<char>.Shared.Rent(16 * 1024);
        try
        {
            var offset = 0;
            while (offset < content.Length)
            {
                var status = Utf8.ToUtf16(content[offset..], buffer, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                offset += read;
                if (status is not OperationStatus.DestinationTooSmall)
                {
                    break;
                }
            }
            return Math.Min(offset, content.Length - 1);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
