using Portal.Ml.Model;
using Portal.Ml.Tensors;

namespace Portal.Ml.Tests.Formats;

/// <summary>A 2-layer GPT-2 with random weights and a 300-token byte-level BPE vocabulary, in Hugging Face layout.</summary>
internal static class TinyGpt2
{
    public const int EndOfText = 299;

    public static GptConfig Config { get; } = new(VocabSize: 300, NPositions: 16, NEmbd: 8, NLayer: 2, NHead: 2, LayerNormEpsilon: 1e-5);

    /// <summary>Hugging Face names and shapes; Conv1D weights are (in, out).</summary>
    public static IReadOnlyList<NamedTensor> RandomWeights(int seed = 42)
    {
        var random = new Random(seed);
        var (e, v, p) = ((long)Config.NEmbd, (long)Config.VocabSize, (long)Config.NPositions);
        NamedTensor Random(string name, params long[] shape) =>
            NamedTensor.Create(name, shape, Enumerable.Range(0, (int)shape.Aggregate(1L, (a, b) => a * b)).Select(_ => random.NextSingle() * 2 - 1).ToArray());

        var tensors = new List<NamedTensor> { Random("wte.weight", v, e), Random("wpe.weight", p, e) };
        for (var layer = 0; layer < Config.NLayer; layer++)
        {
            var h = $"h.{layer}.";
            tensors.AddRange(
            [
                Random(h + "ln_1.weight", e), Random(h + "ln_1.bias", e),
                Random(h + "attn.c_attn.weight", e, 3 * e), Random(h + "attn.c_attn.bias", 3 * e),
                Random(h + "attn.c_proj.weight", e, e), Random(h + "attn.c_proj.bias", e),
                Random(h + "ln_2.weight", e), Random(h + "ln_2.bias", e),
                Random(h + "mlp.c_fc.weight", e, 4 * e), Random(h + "mlp.c_fc.bias", 4 * e),
                Random(h + "mlp.c_proj.weight", 4 * e, e), Random(h + "mlp.c_proj.bias", e),
            ]);
        }
        tensors.Add(Random("ln_f.weight", e));
        tensors.Add(Random("ln_f.bias", e));
        return tensors;
    }

    /// <summary>GPT-2's 256 byte tokens, 43 merges of them, then &lt;|endoftext|&gt; as the last id.</summary>
    public static (IReadOnlyList<string> Tokens, IReadOnlyList<(string Left, string Right)> Merges) Vocabulary()
    {
        var tokens = ByteTokens();
        var merges = new List<(string, string)>();
        foreach (var left in new[] { "Ġ", "t", "h", "e", "a", "n", "i", "s" })
        {
            foreach (var right in new[] { "t", "h", "e", "a", "n", "i", "s", "o" })
            {
                if (merges.Count < 43 && !tokens.Contains(left + right))
                {
                    merges.Add((left, right));
                    tokens.Add(left + right);
                }
            }
        }
        tokens.Add("<|endoftext|>");
        return (tokens, merges);
    }

    // GPT-2's bytes_to_unicode: printable bytes map to themselves, the rest to code points from 256 up.
    private static List<string> ByteTokens()
    {
        var tokens = new List<string>();
        var shifted = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            tokens.Add(((char)(printable ? b : 256 + shifted++)).ToString());
        }
        return tokens;
    }
}
