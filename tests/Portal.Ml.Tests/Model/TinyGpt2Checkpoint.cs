using Portal.Ml.Model;
using Portal.Ml.Tensors;

namespace Portal.Ml.Tests.Model;

/// <summary>Random GPT-2 tensors in Hugging Face layout and naming, as a real checkpoint would hold them.</summary>
internal static class TinyGpt2Checkpoint
{
    public static GptConfig Config { get; } = new(VocabSize: 50, NPositions: 16, NEmbd: 8, NLayer: 2, NHead: 2);

    /// <summary>Hugging Face's state-dict keys and Conv1D shapes ([in, out]) for a config, in GPT2Model's order.</summary>
    public static IEnumerable<(string Name, long[] Shape)> Layout(GptConfig config)
    {
        long c = config.NEmbd;
        yield return ("wte.weight", [config.VocabSize, c]);
        yield return ("wpe.weight", [config.NPositions, c]);
        for (var i = 0; i < config.NLayer; i++)
        {
            yield return ($"h.{i}.ln_1.weight", [c]);
            yield return ($"h.{i}.ln_1.bias", [c]);
            yield return ($"h.{i}.attn.c_attn.weight", [c, 3 * c]);
            yield return ($"h.{i}.attn.c_attn.bias", [3 * c]);
            yield return ($"h.{i}.attn.c_proj.weight", [c, c]);
            yield return ($"h.{i}.attn.c_proj.bias", [c]);
            yield return ($"h.{i}.ln_2.weight", [c]);
            yield return ($"h.{i}.ln_2.bias", [c]);
            yield return ($"h.{i}.mlp.c_fc.weight", [c, 4 * c]);
            yield return ($"h.{i}.mlp.c_fc.bias", [4 * c]);
            yield return ($"h.{i}.mlp.c_proj.weight", [4 * c, c]);
            yield return ($"h.{i}.mlp.c_proj.bias", [c]);
        }
        yield return ("ln_f.weight", [c]);
        yield return ("ln_f.bias", [c]);
    }

    /// <summary>
    /// Values large enough that attention is far from uniform and every term of the forward pass matters; layer-norm
    /// gains scatter around one.
    /// </summary>
    public static List<NamedTensor> Tensors(GptConfig? config = null, int seed = 1234)
    {
        config ??= Config;
        var random = new Random(seed);
        return Layout(config).Select(entry =>
        {
            var count = entry.Shape.Aggregate(1L, (product, dimension) => product * dimension);
            var isGain = entry.Name.Contains("ln_") && entry.Name.EndsWith(".weight");
            var data = new float[count];
            for (var i = 0; i < count; i++)
                data[i] = (float)((isGain ? 1.0 : 0.0) + (random.NextDouble() * 2 - 1) * 0.5);
            return NamedTensor.Create(entry.Name, entry.Shape, data);
        }).ToList();
    }

    /// <summary>The same tensors as GPT2LMHeadModel.state_dict() of older transformers names them: "transformer."
    /// prefix, causal-mask buffers, and the tied head saved as its own copy.</summary>
    public static List<NamedTensor> AsLmHeadModelWithBuffers(List<NamedTensor> tensors, GptConfig? config = null)
    {
        config ??= Config;
        var positions = config.NPositions;
        var mask = new float[positions * positions];
        for (var row = 0; row < positions; row++)
            for (var column = 0; column <= row; column++)
                mask[row * positions + column] = 1;

        var result = tensors.Select(tensor => tensor with { Name = "transformer." + tensor.Name }).ToList();
        for (var i = 0; i < config.NLayer; i++)
        {
            result.Add(NamedTensor.Create($"transformer.h.{i}.attn.bias", [1, 1, positions, positions], mask));
            result.Add(NamedTensor.Create($"transformer.h.{i}.attn.masked_bias", [], [-1e4f]));
        }
        result.Add(tensors.Single(tensor => tensor.Name == "wte.weight") with { Name = "lm_head.weight" });
        return result;
    }
}
