namespace Portal.Ml.Formats.Gguf;

/// <summary>The ggml_type codes of the tensors <see cref="GgufReader"/> decodes.</summary>
public enum GgmlType : uint
{
    F32 = 0,
    F16 = 1,
    BF16 = 30,
}

/// <summary>A tensor of a GGUF file, decoded to float32.</summary>
/// <param name="Dimensions">ggml's ne[]: innermost dimension first, the reverse of PyTorch's shape.</param>
/// <param name="Offset">Relative to <see cref="GgufFile.DataStart"/>, as stored in the file.</param>
public sealed record GgufTensor(string Name, ulong[] Dimensions, GgmlType Type, ulong Offset, float[] Data)
{
    /// <summary>The shape in PyTorch's order (outermost first).</summary>
    public long[] Shape => Dimensions.Reverse().Select(dimension => (long)dimension).ToArray();
}

/// <summary>
/// A GGUF file as read. Metadata values keep their GGUF type as .NET types: uint8 byte, int8 sbyte, uint16 ushort,
/// int16 short, uint32 uint, int32 int, float32 float, bool bool, string string, uint64 ulong, int64 long,
/// float64 double, and arrays as arrays of those (string[], int[], ...).
/// </summary>
/// <param name="DataStart">Absolute file offset of the tensor data section.</param>
public sealed record GgufFile(
    uint Version,
    uint Alignment,
    long DataStart,
    IReadOnlyDictionary<string, object> Metadata,
    IReadOnlyList<GgufTensor> Tensors);
