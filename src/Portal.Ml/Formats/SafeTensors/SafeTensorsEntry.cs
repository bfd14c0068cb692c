namespace Portal.Ml.Formats.SafeTensors;

/// <summary>
/// One tensor as the header describes it; offsets are relative to the start of the data section. DType is null for
/// a non-float causal-mask buffer, which is checked like any tensor but never read (see <see cref="MaskBuffers"/>).
/// </summary>
internal sealed record SafeTensorsEntry(string Name, SafeTensorsDType? DType, long[] Shape, long ElementCount, long Begin, long End);

/// <summary>A header that has passed every check: entries sorted by offset, tiling the data section exactly.</summary>
internal sealed record SafeTensorsHeader(IReadOnlyList<SafeTensorsEntry> Tensors, IReadOnlyDictionary<string, string> Metadata, long DataStart);
