using System.Text.RegularExpressions;
using Portal.Ml.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Portal.Ml.Model;

/// <summary>
/// Converts between a <see cref="Gpt"/> and Hugging Face GPT-2 tensors. Names are the same on both sides; the
/// Conv1D weights (c_attn, c_proj, c_fc) are stored [in, out] by Hugging Face and [out, in] by our Linear layers.
/// </summary>
public static partial class HfGptWeights
{
    private const string TransformerPrefix = "transformer.";
    private const string LmHead = "lm_head.weight";
    private const string TokenEmbedding = "wte.weight";

    /// <summary>True for weights that Hugging Face keeps in Conv1D layout [in, out].</summary>
    public static bool IsConv1DWeight(string name) =>
        name.EndsWith(".c_attn.weight", StringComparison.Ordinal)
        || name.EndsWith(".c_proj.weight", StringComparison.Ordinal)
        || name.EndsWith(".c_fc.weight", StringComparison.Ordinal);

    /// <summary>Every parameter in Hugging Face layout, named as GPT2LMHeadModel.from_pretrained accepts them (no
    /// "transformer." prefix, no lm_head: it is tied to wte).</summary>
    public static IReadOnlyList<NamedTensor> Export(Gpt model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tensors = new List<NamedTensor>();
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            using var scope = torch.NewDisposeScope();
            var value = IsConv1DWeight(name) ? parameter.t() : parameter.alias();
            value = value.to_type(ScalarType.Float32).cpu().contiguous();
            tensors.Add(NamedTensor.Create(name, value.shape, value.data<float>().ToArray()));
        }
        return tensors;
    }

    /// <summary>
    /// Builds a model from Hugging Face tensors after checking every name and shape against the config; throws
    /// <see cref="InvalidCheckpointException"/> listing all problems, before any weight is copied.
    /// Accepts GPT2LMHeadModel names ("transformer." prefix), skips the causal-mask buffers older checkpoints carry
    /// (attn.bias, attn.masked_bias) and a lm_head.weight equal to wte.weight.
    /// </summary>
    /// <param name="source">Where the tensors came from, for the error message.</param>
    public static Gpt Import(GptConfig config, IEnumerable<NamedTensor> tensors, Device? device = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(tensors);
        var model = new Gpt(config);
        try
        {
            var byName = Match(model, tensors, source);
            CopyInto(model, byName);
            if (device is not null && device.type != DeviceType.CPU)
                model.to(device);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static Dictionary<string, NamedTensor> Match(Gpt model, IEnumerable<NamedTensor> tensors, string? source)
    {
        var expected = model.named_parameters().ToDictionary(
            entry => entry.name,
            entry => IsConv1DWeight(entry.name) ? entry.parameter.shape.Reverse().ToArray() : entry.parameter.shape);

        var problems = new List<string>();
        var byName = new Dictionary<string, NamedTensor>();
        NamedTensor? lmHead = null;
        foreach (var tensor in tensors)
        {
            var name = tensor.Name.StartsWith(TransformerPrefix, StringComparison.Ordinal) ? tensor.Name[TransformerPrefix.Length..] : tensor.Name;
            if (CausalMaskBuffer().IsMatch(name))
                continue;
            if (name == LmHead)
                lmHead = tensor;
            else if (!expected.TryGetValue(name, out var shape))
                problems.Add($"unexpected tensor {tensor.Name} {Describe(tensor.Shape)}");
            else if (!byName.TryAdd(name, tensor))
                problems.Add($"{name} appears twice (with and without the \"{TransformerPrefix}\" prefix)");
            else if (!shape.SequenceEqual(tensor.Shape))
                problems.Add($"{tensor.Name} has shape {Describe(tensor.Shape)}, expected {Describe(shape)}");
        }

        problems.AddRange(expected.Keys.Where(name => !byName.ContainsKey(name)).Select(name => $"missing {name} {Describe(expected[name])}"));
        if (lmHead is not null && byName.TryGetValue(TokenEmbedding, out var wte) && !lmHead.Data.AsSpan().SequenceEqual(wte.Data))
            problems.Add($"{LmHead} differs from {TokenEmbedding}; only GPT-2's tied head is supported");

        if (problems.Count > 0)
        {
            var config = model.Config;
            throw new InvalidCheckpointException(
                $"The weights{(source is null ? "" : $" in {source}")} do not fit a GPT-2 with {config.NLayer} layers, {config.NHead} heads, embedding {config.NEmbd}, "
                + $"vocabulary {config.VocabSize} and context {config.NPositions}; nothing was loaded", problems);
        }
        return byName;
    }

    private static void CopyInto(Gpt model, Dictionary<string, NamedTensor> byName)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            using var scope = torch.NewDisposeScope();
            var source = byName[name];
            var value = torch.tensor(source.Data, source.Shape, parameter.dtype);
            parameter.copy_(IsConv1DWeight(name) ? value.t() : value);
        }
    }

    private static string Describe(long[] shape) => $"[{string.Join(", ", shape)}]";

    // Hugging Face's causal mask and its fill value: buffers that older GPT-2 checkpoints saved, never parameters.
    [GeneratedRegex(@"^h\.\d+\.attn\.(bias|masked_bias)$")]
    private static partial Regex CausalMaskBuffer();
}
