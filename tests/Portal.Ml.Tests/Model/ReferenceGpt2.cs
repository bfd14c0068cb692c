using Portal.Ml.Model;
using Portal.Ml.Tensors;

namespace Portal.Ml.Tests.Model;

/// <summary>
/// The correctness oracle: GPT-2's forward pass in plain arrays and doubles, straight from Hugging Face's modeling
/// code and its Conv1D layout ([in, out]), sharing nothing with the TorchSharp model under test.
/// </summary>
internal sealed class ReferenceGpt2
{
    private readonly GptConfig _config;
    private readonly Dictionary<string, NamedTensor> _tensors;

    public ReferenceGpt2(GptConfig config, IEnumerable<NamedTensor> huggingFaceTensors)
    {
        _config = config;
        _tensors = huggingFaceTensors.ToDictionary(tensor => tensor.Name);
    }

    /// <summary>Logits [position][token] for one sequence.</summary>
    public double[][] Forward(IReadOnlyList<int> tokens)
    {
        int c = _config.NEmbd, n = tokens.Count;
        var x = new double[n][];
        for (var t = 0; t < n; t++)
        {
            x[t] = new double[c];
            for (var i = 0; i < c; i++)
                x[t][i] = Get("wte.weight", tokens[t] * c + i) + Get("wpe.weight", t * c + i);
        }

        for (var layer = 0; layer < _config.NLayer; layer++)
        {
            var p = $"h.{layer}.";
            var attended = Attention(x.Select(row => LayerNorm(row, p + "ln_1")).ToArray(), p);
            for (var t = 0; t < n; t++) Add(x[t], attended[t]);
            for (var t = 0; t < n; t++)
            {
                var hidden = Conv1D(LayerNorm(x[t], p + "ln_2"), p + "mlp.c_fc").Select(GeluNew).ToArray();
                Add(x[t], Conv1D(hidden, p + "mlp.c_proj"));
            }
        }

        return x.Select(row =>
        {
            var final = LayerNorm(row, "ln_f");
            var logits = new double[_config.VocabSize];
            for (var v = 0; v < logits.Length; v++)
                for (var i = 0; i < c; i++)
                    logits[v] += final[i] * Get("wte.weight", v * c + i);
            return logits;
        }).ToArray();
    }

    private double[][] Attention(double[][] normed, string p)
    {
        int c = _config.NEmbd, heads = _config.NHead, hs = c / heads, n = normed.Length;
        var qkv = normed.Select(row => Conv1D(row, p + "attn.c_attn")).ToArray();      // [t][3C]: q, k, v side by side
        var merged = new double[n][];
        for (var t = 0; t < n; t++)
        {
            merged[t] = new double[c];
            for (var h = 0; h < heads; h++)
            {
                var scores = new double[t + 1];                                        // causal: keys 0..t only
                for (var s = 0; s <= t; s++)
                {
                    for (var d = 0; d < hs; d++)
                        scores[s] += qkv[t][h * hs + d] * qkv[s][c + h * hs + d];
                    scores[s] /= Math.Sqrt(hs);
                }
                var max = scores.Max();
                var weights = scores.Select(score => Math.Exp(score - max)).ToArray();
                var total = weights.Sum();
                for (var s = 0; s <= t; s++)
                    for (var d = 0; d < hs; d++)
                        merged[t][h * hs + d] += weights[s] / total * qkv[s][2 * c + h * hs + d];
            }
        }
        return merged.Select(row => Conv1D(row, p + "attn.c_proj")).ToArray();
    }

    /// <summary>Hugging Face's Conv1D: y = x W + b with W stored [in, out].</summary>
    private double[] Conv1D(double[] input, string module)
    {
        var weight = _tensors[module + ".weight"];
        var bias = _tensors[module + ".bias"];
        int inputs = (int)weight.Shape[0], outputs = (int)weight.Shape[1];
        Assert.Equal(input.Length, inputs);
        var output = new double[outputs];
        for (var o = 0; o < outputs; o++)
        {
            double sum = bias.Data[o];
            for (var i = 0; i < inputs; i++)
                sum += input[i] * weight.Data[i * outputs + o];
            output[o] = sum;
        }
        return output;
    }

    private double[] LayerNorm(double[] input, string module)
    {
        var mean = input.Average();
        var variance = input.Select(value => (value - mean) * (value - mean)).Average();   // biased, as torch
        var scale = 1.0 / Math.Sqrt(variance + _config.LayerNormEpsilon);
        return input.Select((value, i) => (value - mean) * scale * Get(module + ".weight", i) + Get(module + ".bias", i)).ToArray();
    }

    /// <summary>GPT-2's activation: 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))).</summary>
    public static double GeluNew(double x) => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));

    private double Get(string name, int index) => _tensors[name].Data[index];

    private static void Add(double[] target, double[] addend)
    {
        for (var i = 0; i < target.Length; i++) target[i] += addend[i];
    }
}
