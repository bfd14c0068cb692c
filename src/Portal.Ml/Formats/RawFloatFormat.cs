namespace Portal.Ml.Formats;

/// <summary>The little-endian float encodings the model files use. Values, not bytes, are what callers see.</summary>
internal enum RawFloatFormat
{
    F32,
    F16,
    BF16,
}

internal static class RawFloatFormats
{
    public static int ByteSize(this RawFloatFormat format) => format == RawFloatFormat.F32 ? 4 : 2;
}
