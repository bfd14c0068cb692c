using static Portal.Core.Import.ImportMessages;

namespace Portal.Core.Import;

/// <summary>
/// Turns an uploaded file into verses a writer can review. Checks run cheapest first (size, encoding, then structure,
/// then each verse), so a bad file is refused before it costs much, and every problem comes back as a message rather
/// than an exception.
/// </summary>
public static class VerseImportParser
{
    /// <param name="format">The format to read, or null to detect it from the content.</param>
    public static ImportParseResult Parse(ReadOnlySpan<byte> content, ImportLimits limits, VerseFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.EnsureUsable();
        if (format is { } requested && !Enum.IsDefined(requested))
        {
            throw new ArgumentOutOfRangeException(nameof(format), requested, "Unknown verse format.");
        }

        if (content.Length > limits.MaxBytes)
        {
            return ImportParseResult.Rejected(format, Invariant(
                $"The file is {Size(content.Length)}; the limit is {Size(limits.MaxBytes)}. Split it into smaller files and import them one by one."));
        }
        if (Utf8Input.FindInvalid(content) is { } encodingError)
        {
            return ImportParseResult.Rejected(format, encodingError);
        }
        if (Utf8Input.FindNotText(content) is { } notText)
        {
            return ImportParseResult.Rejected(format, notText);
        }

        var body = Utf8Input.WithoutBom(content);
        if (Utf8Input.IsBlank(body))
        {
            return ImportParseResult.Rejected(format, "The file is empty.");
        }

        var detected = FormatDetector.Detect(body);
        var chosen = format ?? detected ?? VerseFormat.Text;
        var result = chosen switch
        {
            VerseFormat.Json => JsonFileParser.Parse(body, limits),
            VerseFormat.Jsonl => JsonLinesParser.Parse(body, limits),
            _ => PlainTextParser.Parse(Utf8Input.Decode(body), limits),
        };

        // When the writer picked a format and the file says otherwise, that mismatch is the likeliest real problem.
        return result.IsFileRejected && format is not null && detected is { } looksLike && looksLike != format
            ? result with { FileErrors = [.. result.FileErrors, $"The file looks like {Name(looksLike)}, not {Name(chosen)}."] }
            : result;
    }

    /// <summary>Reads at most <see cref="ImportLimits.MaxBytes"/> + 1 bytes, and refuses the file without reading further.</summary>
    public static async Task<ImportParseResult> ParseAsync(Stream content, ImportLimits limits, VerseFormat? format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        limits.EnsureUsable();

        var bytes = await BoundedStreamReader.ReadAsync(content, limits.MaxBytes, cancellationToken).ConfigureAwait(false);
        return bytes is { } segment
            ? Parse(segment.AsSpan(), limits, format)
            : ImportParseResult.Rejected(format, TooLarge(limits.MaxBytes)) with { TooLarge = true };
    }

    /// <summary>The format the content looks like, or null when it is empty.</summary>
    public static VerseFormat? Detect(ReadOnlySpan<byte> content) => FormatDetector.Detect(content);

    private static string Name(VerseFormat format) => format switch
    {
        VerseFormat.Json => "JSON",
        VerseFormat.Jsonl => "JSON lines",
        _ => "plain text",
    };
}
