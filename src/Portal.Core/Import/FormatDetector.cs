using System.Text.Json;

namespace Portal.Core.Import;

/// <summary>
/// Guesses a file's format from its content, never from its name: files are renamed and re-saved too often for an
/// extension to be trusted.
/// </summary>
internal static class FormatDetector
{
    public static VerseFormat? Detect(ReadOnlySpan<byte> content)
    {
        var body = Utf8Input.WithoutBom(content);
        var start = SkipWhitespaceAndComments(body);
        if (start < 0)
        {
            return null;
        }

        return body[start] switch
        {
            (byte)'[' => VerseFormat.Json,
            (byte)'{' => DetectObjects(body[start..]),
            _ => VerseFormat.Text,
        };
    }

    // The JSON reader accepts comments (hand-edited exports have them), so detection must look past them too.
    private static int SkipWhitespaceAndComments(ReadOnlySpan<byte> body)
    {
        var position = 0;
        while (true)
        {
            var next = body[position..].IndexOfAnyExcept(" \t\r\n"u8);
            if (next < 0)
            {
                return -1;
            }
            position += next;

            var rest = body[position..];
            int end;
            if (rest.StartsWith("//"u8))
            {
                end = rest.IndexOf((byte)'\n');
            }
            else if (rest.StartsWith("/*"u8))
            {
                end = rest.IndexOf("*/"u8);
                end = end < 0 ? -1 : end + 1;
            }
            else
            {
                return position;
            }
            if (end < 0)
            {
                return -1;
            }
            position += end + 1;
        }
    }

    // One object spanning the whole file is JSON (a wrapped file or a single verse); more values after it make JSON lines.
    private static VerseFormat DetectObjects(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions
            {
                AllowMultipleValues = true,
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
            });
            reader.Read();
            reader.Skip();
            return Utf8Input.IsBlank(body[(int)reader.BytesConsumed..]) ? VerseFormat.Json : VerseFormat.Jsonl;
        }
        catch (JsonException)
        {
            // Broken or too deep to read here: several lines that start an object mean JSON lines with a bad line,
            // otherwise it is one broken JSON document. Either way the parser then names the exact problem.
            return CountLinesStartingAnObject(body) > 1 ? VerseFormat.Jsonl : VerseFormat.Json;
        }
    }

    private static int CountLinesStartingAnObject(ReadOnlySpan<byte> body)
    {
        var count = 0;
        foreach (var range in body.Split((byte)'\n'))
        {
            var line = body[range];
            var first = line.IndexOfAnyExcept(" \t\r"u8);
            if (first >= 0 && line[first] == (byte)'{' && ++count > 1)
            {
                break;
            }
        }
        return count;
    }
}
