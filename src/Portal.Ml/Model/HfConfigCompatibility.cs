using System.Text.Json.Nodes;

namespace Portal.Ml.Model;

/// <summary>
/// The config.json settings of GPT-2 variants that load into the same tensor shapes but compute something else.
/// <see cref="GptConfig"/> does not carry them, so without this check such a model would load and quietly give
/// different outputs.
/// </summary>
internal static class HfConfigCompatibility
{
    // All three are the tanh approximation of GELU (HF's gelu_fast is the same formula, factored).
    private static readonly string[] TanhGelu = ["gelu_new", "gelu_pytorch_tanh", "gelu_fast"];

    public static IReadOnlyList<string> Problems(JsonObject config, GptConfig shape)
    {
        var problems = new List<string>();
        if (Text(config, "model_type") is { } modelType && modelType != "gpt2")
            problems.Add($"model_type is \"{modelType}\", not \"gpt2\"");
        if (Text(config, "activation_function") is { } activation && !TanhGelu.Contains(activation))
            problems.Add($"activation_function \"{activation}\" is not supported (GPT-2 uses gelu_new)");
        if (config["n_inner"] is JsonValue inner && inner.GetValue<int>() != 4 * shape.NEmbd)
            problems.Add($"n_inner {inner.GetValue<int>()} is not supported (only 4 * n_embd = {4 * shape.NEmbd})");
        if (Flag(config, "scale_attn_weights") == false)
            problems.Add("scale_attn_weights false is not supported");
        if (Flag(config, "scale_attn_by_inverse_layer_idx") == true)
            problems.Add("scale_attn_by_inverse_layer_idx true is not supported");
        if (Flag(config, "add_cross_attention") == true)
            problems.Add("add_cross_attention true is not supported");
        if (Flag(config, "tie_word_embeddings") == false)
            problems.Add("tie_word_embeddings false is not supported (the head is the token embedding)");
        return problems;
    }

    private static string? Text(JsonObject config, string key) => config[key] is JsonValue value ? value.GetValue<string>() : null;

    private static bool? Flag(JsonObject config, string key) => config[key] is JsonValue value ? value.GetValue<bool>() : null;
}
