using Portal.Ml.Tensors;

namespace Portal.Ml.Formats.SafeTensors;

/// <summary>
/// Hugging Face's safetensors format: an 8-byte little-endian header length, a JSON header (dtype, shape and
/// data_offsets of every tensor, plus a "__metadata__" map of strings), then the raw little-endian tensor data.
/// Files are written atomically and in sorted name order; reading refuses anything truncated or inconsistent with an
/// <see cref="InvalidDataException"/> naming the file and the problem.
/// </summary>
/// <remarks>
/// Narrowing to F16 or BF16 rounds to nearest-even like PyTorch: NaN and infinities are kept, values beyond the
/// range become infinite, values below the smallest subnormal become zero. Reading widens back to float32 exactly.
/// </remarks>
public static class SafeTensorsFile
{
    /// <summary>
    /// Writes the tensors. A "format": "pt" metadata entry is added unless the caller gives a format, because
    /// transformers refuses checkpoints whose metadata lacks one.
    /// </summary>
    public static void Write(
        string path,
        IEnumerable<NamedTensor> tensors,
        SafeTensorsDType dtype = SafeTensorsDType.F32,
        IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensorsWriter.Write(path, tensors, dtype, metadata);

    /// <summary>Reads every tensor as float32, in the order of their data in the file.</summary>
    public static IReadOnlyList<NamedTensor> Read(string path) => SafeTensorsReader.ReadTensors(path);

    /// <summary>Reads the "__metadata__" map (empty when the file has none) without touching the tensor data.</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path) => SafeTensorsReader.ReadMetadata(path);
}
