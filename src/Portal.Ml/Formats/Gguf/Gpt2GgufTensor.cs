using Portal.Ml.Tensors;

namespace Portal.Ml.Formats.Gguf;

/// <summary>
/// One tensor as llama.cpp wants it: its GGUF name, the Hugging Face tensor it comes from, whether that Conv1D
/// weight must be transposed first, and the resulting row-major shape (GGUF stores the reverse, innermost first).
/// </summary>
internal sealed record Gpt2GgufTensor(string Name, NamedTensor Source, bool Transpose, long[] Shape, GgufFloatType Type)
{
    public long ElementCount => Source.Data.LongLength;

    public long ByteCount => ElementCount * (Type == GgufFloatType.F32 ? 4 : 2);

    /// <summary>ggml's ne[]: the row-major shape reversed.</summary>
    public ulong[] Dimensions => Shape.Reverse().Select(dimension => (ulong)dimension).ToArray();

    /// <summary>
    /// Hugging Face's Conv1D stores [in, out] and computes x @ W; llama.cpp multiplies by an nn.Linear-style
    /// [out, in] matrix, so the export transposes (as convert_hf_to_gguf.py's GPT2Model does).
    /// </summary>
    public float[] Values()
    {
        if (!Transpose)
            return Source.Data;
        var (rows, columns) = (Source.Shape[0], Source.Shape[1]); // HF (in, out)
        var transposed = new float[Source.Data.Length];
        for (long r = 0; r < rows; r++)
            for (long c = 0; c < columns; c++)
                transposed[c * rows + r] = Source.Data[r * columns + c];
        return transposed;
    }
}
