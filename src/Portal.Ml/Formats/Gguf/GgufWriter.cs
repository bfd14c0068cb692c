using Portal.Ml.Model;
using Portal.Ml.Tensors;

namespace Portal.Ml.Formats.Gguf;

/// <summary>
/// Exports a Hugging Face GPT-2 as a GGUF v3 file that llama.cpp loads as architecture "gpt2". The layout follows
/// ggml/docs/gguf.md and what ggml's loader checks: header, metadata, tensor infos, zero padding to the alignment,
/// then each tensor's data at an offset that is the running sum of the previous tensors' sizes, each padded.
/// </summary>
public static class GgufWriter
{
    public const int Alignment = 32;

    private const uint Version = 3;
    private static ReadOnlySpan<byte> Magic => "GGUF"u8;

    public static void WriteGpt2(
        string path,
        GptConfig config,
        IReadOnlyList<NamedTensor> hfTensors,
        IReadOnlyList<string> tokens,
        IReadOnlyList<(string Left, string Right)> merges,
        int bosId,
        int eosId,
        GgufFloatType type,
        string modelName)
    {
        if (type is not (GgufFloatType.F32 or GgufFloatType.F16))
            throw new ArgumentOutOfRangeException(nameof(type), type, "Only F32 and F16 exports are supported.");
        config.Validate();
        var metadata = Metadata(config, type, modelName).Concat(Gpt2GgufVocabulary.Metadata(config, tokens, merges, bosId, eosId)).ToList();
        var tensors = Gpt2GgufTensorMap.Map(config, hfTensors, type);

        AtomicFile.Write(path, stream =>
        {
            var gguf = new GgufEncoder(stream);
            stream.Write(Magic);
            gguf.WriteUInt32(Version);
            gguf.WriteUInt64((ulong)tensors.Count);
            gguf.WriteUInt64((ulong)metadata.Count);
            foreach (var (key, value) in metadata)
                gguf.WriteKeyValue(key, value);

            ulong offset = 0;
            foreach (var tensor in tensors)
            {
                gguf.WriteTensorInfo(tensor.Name, tensor.Dimensions, (uint)tensor.Type, offset);
                offset += Padded((ulong)tensor.ByteCount);
            }
            gguf.PadTo(Alignment);

            foreach (var tensor in tensors)
            {
                RawFloatEncoder.Write(stream, tensor.Values(), tensor.Type == GgufFloatType.F32 ? RawFloatFormat.F32 : RawFloatFormat.F16);
                // ggml reads the data section as one block of padded sizes, so the last tensor is padded too.
                gguf.PadTo(Alignment);
            }
        });
    }

    /// <summary>
    /// The keys convert_hf_to_gguf.py's GPT2Model writes. Integers are uint32 and epsilon float32 because llama.cpp
    /// refuses a key whose GGUF type differs from the one it expects.
    /// </summary>
    private static IEnumerable<(string Key, object Value)> Metadata(GptConfig config, GgufFloatType type, string modelName) =>
    [
        ("general.architecture", "gpt2"),
        ("general.name", modelName),
        ("general.file_type", type == GgufFloatType.F32 ? 0u : 1u), // llama_ftype ALL_F32 / MOSTLY_F16
        ("general.alignment", (uint)Alignment),
        ("gpt2.context_length", (uint)config.NPositions),
        ("gpt2.embedding_length", (uint)config.NEmbd),
        ("gpt2.feed_forward_length", (uint)(4 * config.NEmbd)),
        ("gpt2.block_count", (uint)config.NLayer),
        ("gpt2.attention.head_count", (uint)config.NHead),
        ("gpt2.attention.layer_norm_epsilon", (float)config.LayerNormEpsilon),
    ];

    private static ulong Padded(ulong size) => (size + Alignment - 1) / Alignment * Alignment;
}
