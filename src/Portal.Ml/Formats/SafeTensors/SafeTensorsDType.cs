namespace Portal.Ml.Formats.SafeTensors;

/// <summary>The float encodings this project writes and reads in safetensors files. Values are always float32 in memory.</summary>
public enum SafeTensorsDType
{
    F32,
    F16,
    BF16,
}

internal static class SafeTensorsDTypes
{
    /// <summary>The dtype string of the safetensors header; the enum names were chosen to be exactly these.</summary>
    public static string HeaderName(this SafeTensorsDType dtype) => dtype.ToString();

    public static SafeTensorsDType? ParseHeaderName(string name) => name switch
    {
        "F32" => SafeTensorsDType.F32,
        "F16" => SafeTensorsDType.F16,
        "BF16" => SafeTensorsDType.BF16,
        _ => null,
    };

    public static RawFloatFormat Format(this SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.F32 => RawFloatFormat.F32,
        SafeTensorsDType.F16 => RawFloatFormat.F16,
        SafeTensorsDType.BF16 => RawFloatFormat.BF16,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };
}
