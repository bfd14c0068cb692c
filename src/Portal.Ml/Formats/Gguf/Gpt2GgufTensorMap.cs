using Portal.Ml.Model;
using Portal.Ml.Tensors;

namespace Portal.Ml.Formats.Gguf;

/// <summary>
/// Maps a Hugging Face GPT-2 state dict to llama.cpp's gpt2 tensors (names from llama-arch.cpp, shapes from
/// llama_model_gpt2::load_arch_tensors, transpositions from convert_hf_to_gguf.py). Every expected tensor must be
/// present with the shape the config implies, and nothing unknown may be left over, so a wrong export fails here
/// rather than inside llama.cpp.
/// </summary>
internal static class Gpt2GgufTensorMap
{
    private const string TransformerPrefix = "transformer.";

    public static IReadOnlyList<Gpt2GgufTensor> Map(GptConfig config, IReadOnlyList<NamedTensor> hfTensors, GgufFloatType type)
    {
        var byName = Index(hfTensors);
        var (e, v, p, ff) = ((long)config.NEmbd, (long)config.VocabSize, (long)config.NPositions, 4L * config.NEmbd);
        var mapped = new List<Gpt2GgufTensor>();
        var used = new HashSet<string>(StringComparer.Ordinal);

        void Add(string hfName, string ggufName, long[] hfShape, bool transpose = false, bool keepF32 = false)
        {
            if (!byName.TryGetValue(hfName, out var source))
                throw new ArgumentException($"The GPT-2 tensors have no \"{hfName}\", which llama.cpp's {ggufName} needs.", nameof(hfTensors));
            if (!source.Shape.SequenceEqual(hfShape) || source.Data.LongLength != source.ElementCount)
                throw new ArgumentException($"\"{hfName}\" has shape [{string.Join(", ", source.Shape)}] ({source.Data.LongLength} values); the config implies [{string.Join(", ", hfShape)}].", nameof(hfTensors));
            used.Add(hfName);
            var shape = transpose ? [hfShape[1], hfShape[0]] : hfShape;
            // llama.cpp's converter keeps 1-D tensors and the position embedding in F32 whatever the file type.
            var tensorType = keepF32 || shape.Length == 1 ? GgufFloatType.F32 : type;
            mapped.Add(new Gpt2GgufTensor(ggufName, source, transpose, shape, tensorType));
        }

        Add("wte.weight", "token_embd.weight", [v, e]);
        Add("wpe.weight", "position_embd.weight", [p, e], keepF32: true);
        for (var layer = 0; layer < config.NLayer; layer++)
        {
            var (hf, blk) = ($"h.{layer}.", $"blk.{layer}.");
            Add(hf + "ln_1.weight", blk + "attn_norm.weight", [e]);
            Add(hf + "ln_1.bias", blk + "attn_norm.bias", [e]);
            Add(hf + "attn.c_attn.weight", blk + "attn_qkv.weight", [e, 3 * e], transpose: true);
            Add(hf + "attn.c_attn.bias", blk + "attn_qkv.bias", [3 * e]);
            Add(hf + "attn.c_proj.weight", blk + "attn_output.weight", [e, e], transpose: true);
            Add(hf + "attn.c_proj.bias", blk + "attn_output.bias", [e]);
            Add(hf + "ln_2.weight", blk + "ffn_norm.weight", [e]);
            Add(hf + "ln_2.bias", blk + "ffn_norm.bias", [e]);
            Add(hf + "mlp.c_fc.weight", blk + "ffn_up.weight", [e, ff], transpose: true);
            Add(hf + "mlp.c_fc.bias", blk + "ffn_up.bias", [ff]);
            Add(hf + "mlp.c_proj.weight", blk + "ffn_down.weight", [ff, e], transpose: true);
            Add(hf + "mlp.c_proj.bias", blk + "ffn_down.bias", [e]);
        }
        Add("ln_f.weight", "output_norm.weight", [e]);
        Add("ln_f.bias", "output_norm.bias", [e]);
        // GPT-2 ties its head to wte. Current llama.cpp falls back to token_embd when output.weight is absent, but
        // builds before that fallback (and the converter of that era) require it, so it is written out as a copy.
        Add("wte.weight", "output.weight", [v, e]);

        var leftOver = byName.Keys.Where(name => !used.Contains(name)).ToList();
        if (leftOver.Count > 0)
            throw new ArgumentException($"These tensors are not part of a GPT-2 with this config: {string.Join(", ", leftOver)}.", nameof(hfTensors));
        return mapped;
    }

    private static Dictionary<string, NamedTensor> Index(IReadOnlyList<NamedTensor> hfTensors)
    {
        var byName = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
        foreach (var tensor in hfTensors)
        {
            var name = tensor.Name.StartsWith(TransformerPrefix, StringComparison.Ordinal) ? tensor.Name[TransformerPrefix.Length..] : tensor.Name;
            // Old checkpoints carry the causal mask as attn.bias / attn.masked_bias buffers, and a tied lm_head is
            // wte again; none of them is a weight llama.cpp loads.
            if (name.EndsWith(".attn.bias", StringComparison.Ordinal) || name.EndsWith(".attn.masked_bias", StringComparison.Ordinal) || name == "lm_head.weight")
                continue;
            if (!byName.TryAdd(name, tensor))
                throw new ArgumentException($"The tensor \"{name}\" is given twice.", nameof(hfTensors));
        }
        return byName;
    }
}
