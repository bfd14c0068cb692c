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

    /// <summary>The content after its byte order marks: tools that add one on every save can leave several.</summary>
    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> content)
    {
        while (content.StartsWith(ByteOrderMark))
        {
            content = content[ByteOrderMark.Length..];
        }
        return content;
    }

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

    /// <summary>
    /// A message when the file is valid UTF-8 only by accident: UTF-16 without its mark (ASCII text then has a zero
    /// byte in every other place), or binary data full of zero bytes. A stray NUL in one verse is left to that verse's
    /// own check, which names the item.
    /// </summary>
    public static string? FindNotText(ReadOnlySpan<byte> content)
    {
        var sample = content[..Math.Min(content.Length, BinarySampleBytes)];
        if (sample.Length < 4)
        {
            return null;
        }
        if (IsUtf16Pattern(sample, zeroAtOdd: true) || IsUtf16Pattern(sample, zeroAtOdd: false))
        {
            return "The file looks like UTF-16 text without a byte order mark (every other byte is 0): save it as UTF-8 and import it again.";
        }
        var zeros = sample.Count((byte)0);
        return zeros * 10 > sample.Length
            ? Invariant($"The file is binary data, not text: {zeros:N0} of its first {sample.Length:N0} bytes are 0. Import a JSON, JSONL or plain-text file saved as UTF-8.")
            : null;
    }

    public static string Decode(ReadOnlySpan<byte> content) => Encoding.UTF8.GetString(content);

    private const int BinarySampleBytes = 1024;

    private static bool IsUtf16Pattern(ReadOnlySpan<byte> sample, bool zeroAtOdd)
    {
        var zeroStart = zeroAtOdd ? 1 : 0;
        for (var i = 0; i + 1 < sample.Length; i += 2)
        {
            if (sample[i + zeroStart] != 0 || sample[i + 1 - zeroStart] == 0)
            {
                return false;
            }
        }
        return true;
    }

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
