using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Ml.Model;

/// <summary>
/// Everything that decides a GPT-2's shape. One config builds the model, is saved as Hugging Face's config.json, and
/// is read back from any GPT-2 checkpoint folder.
/// </summary>
public sealed record GptConfig(
    int VocabSize,
    int NPositions,
    int NEmbd,
    int NLayer,
    int NHead,
    double Dropout = 0.0,
    double LayerNormEpsilon = 1e-5)
{
    public const int Gpt2VocabSize = 50257;

    /// <summary>About 1M parameters at a 4,096-token vocabulary: tests and quick demos.</summary>
    public static GptConfig Tiny(int vocabSize = 4096) => new(vocabSize, NPositions: 256, NEmbd: 128, NLayer: 4, NHead: 4);

    /// <summary>About 10M parameters at an 8,192-token vocabulary: the default for writers training on a CPU.</summary>
    public static GptConfig Small(int vocabSize = 8192) => new(vocabSize, NPositions: 512, NEmbd: 320, NLayer: 6, NHead: 5);

    /// <param name="vocabSize">The tokenizer's size, or null for the preset's own default.</param>
    public static GptConfig Preset(string name, int? vocabSize = null) => name.ToLowerInvariant() switch
    {
        "tiny" => vocabSize is { } tiny ? Tiny(tiny) : Tiny(),
        "small" => vocabSize is { } small ? Small(small) : Small(),
        _ => throw new ArgumentException($"Unknown model preset \"{name}\". Use tiny or small.", nameof(name)),
    };

    public int HeadSize => NEmbd / NHead;

    /// <summary>Parameters with the head tied to the token embedding (counted once).</summary>
    public long ParameterCount =>
        (long)VocabSize * NEmbd + (long)NPositions * NEmbd
        + NLayer * (2L * 2 * NEmbd                       // ln_1, ln_2
                    + (long)NEmbd * 3 * NEmbd + 3L * NEmbd // c_attn
                    + (long)NEmbd * NEmbd + NEmbd          // attn.c_proj
                    + (long)NEmbd * 4 * NEmbd + 4L * NEmbd // c_fc
                    + 4L * NEmbd * NEmbd + NEmbd)          // mlp.c_proj
        + 2L * NEmbd;                                      // ln_f

    public void Validate()
    {
        if (VocabSize <= 0 || NPositions <= 0 || NEmbd <= 0 || NLayer <= 0 || NHead <= 0)
            throw new InvalidDataException($"A GPT-2 config needs positive sizes; got vocab {VocabSize}, positions {NPositions}, embedding {NEmbd}, layers {NLayer}, heads {NHead}.");
        if (NEmbd % NHead != 0)
            throw new InvalidDataException($"The embedding size {NEmbd} must divide evenly into {NHead} heads.");
        if (Dropout is < 0 or >= 1)
            throw new InvalidDataException($"Dropout must be in [0, 1); got {Dropout}.");
    }

    /// <summary>Reads Hugging Face's config.json (GPT2Config keys; n_ctx is accepted for n_positions in old files).</summary>
    public static GptConfig FromHuggingFaceJson(string json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException("config.json is not a JSON object.");
        int Required(string key, string? fallback = null) =>
            (node[key] ?? (fallback is null ? null : node[fallback]))?.GetValue<int>()
            ?? throw new InvalidDataException($"config.json has no \"{key}\".");
        double Optional(string key, double value) => node[key]?.GetValue<double>() ?? value;

        var config = new GptConfig(
            Required("vocab_size"),
            Required("n_positions", "n_ctx"),
            Required("n_embd"),
            Required("n_layer"),
            Required("n_head"),
            Optional("resid_pdrop", 0.0),
            Optional("layer_norm_epsilon", 1e-5));
        config.Validate();
        return config;
    }

    /// <summary>Writes a config.json that Hugging Face transformers loads as a GPT2LMHeadModel.</summary>
    public string ToHuggingFaceJson(int bosTokenId, int eosTokenId)
    {
        var node = new JsonObject
        {
            ["architectures"] = new JsonArray("GPT2LMHeadModel"),
            ["model_type"] = "gpt2",
            ["vocab_size"] = VocabSize,
            ["n_positions"] = NPositions,
            ["n_ctx"] = NPositions,
            ["n_embd"] = NEmbd,
            ["n_layer"] = NLayer,
            ["n_head"] = NHead,
            ["n_inner"] = null,
            ["activation_function"] = "gelu_new",
            ["resid_pdrop"] = Dropout,
            ["embd_pdrop"] = Dropout,
            ["attn_pdrop"] = Dropout,
            ["layer_norm_epsilon"] = LayerNormEpsilon,
            ["initializer_range"] = 0.02,
            ["scale_attn_weights"] = true,
            ["tie_word_embeddings"] = true,
            ["bos_token_id"] = bosTokenId,
            ["eos_token_id"] = eosTokenId,
            ["torch_dtype"] = "float32",
        };
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
