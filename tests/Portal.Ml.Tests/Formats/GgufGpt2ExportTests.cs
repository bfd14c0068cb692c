using System.Text;
using Portal.Ml.Formats.Gguf;
using Portal.Ml.Tensors;

namespace Portal.Ml.Tests.Formats;

public class GgufGpt2ExportTests
{
    private const int E = 8, Vocab = 300, Positions = 16, FeedForward = 32, Layers = 2;

    /// <summary>
    /// Written from llama.cpp, not from the exporter: names from llama-arch.cpp (LLM_ARCH_GPT2), ne[] from
    /// llama_model_gpt2::load_arch_tensors, the Hugging Face source and whether convert_hf_to_gguf.py's GPT2Model
    /// transposes it (Conv1D weights c_attn, c_proj, c_fc).
    /// </summary>
    private static IEnumerable<(string Gguf, string Hf, ulong[] Ne, bool Transposed)> Expected()
    {
        yield return ("token_embd.weight", "wte.weight", [E, Vocab], false);
        yield return ("position_embd.weight", "wpe.weight", [E, Positions], false);
        for (var i = 0; i < Layers; i++)
        {
            yield return ($"blk.{i}.attn_norm.weight", $"h.{i}.ln_1.weight", [E], false);
            yield return ($"blk.{i}.attn_norm.bias", $"h.{i}.ln_1.bias", [E], false);
            yield return ($"blk.{i}.attn_qkv.weight", $"h.{i}.attn.c_attn.weight", [E, 3 * E], true);
            yield return ($"blk.{i}.attn_qkv.bias", $"h.{i}.attn.c_attn.bias", [3 * E], false);
            yield return ($"blk.{i}.attn_output.weight", $"h.{i}.attn.c_proj.weight", [E, E], true);
            yield return ($"blk.{i}.attn_output.bias", $"h.{i}.attn.c_proj.bias", [E], false);
            yield return ($"blk.{i}.ffn_norm.weight", $"h.{i}.ln_2.weight", [E], false);
            yield return ($"blk.{i}.ffn_norm.bias", $"h.{i}.ln_2.bias", [E], false);
            yield return ($"blk.{i}.ffn_up.weight", $"h.{i}.mlp.c_fc.weight", [E, FeedForward], true);
            yield return ($"blk.{i}.ffn_up.bias", $"h.{i}.mlp.c_fc.bias", [FeedForward], false);
            yield return ($"blk.{i}.ffn_down.weight", $"h.{i}.mlp.c_proj.weight", [FeedForward, E], true);
            yield return ($"blk.{i}.ffn_down.bias", $"h.{i}.mlp.c_proj.bias", [E], false);
        }
        yield return ("output_norm.weight", "ln_f.weight", [E], false);
        yield return ("output_norm.bias", "ln_f.bias", [E], false);
        yield return ("output.weight", "wte.weight", [E, Vocab], false);
    }

    [Fact]
    public void TheExportStartsWithTheGgufMagicVersionThreeAndItsCounts()
    {
        using var folder = new TempFolder();
        var file = Export(folder, GgufFloatType.F32, out var path);

        Assert.Equal("GGUF"u8.ToArray(), File.ReadAllBytes(path)[..4]);
        Assert.Equal(3u, file.Version);
        Assert.Equal(2 + 12 * Layers + 3, file.Tensors.Count);
        Assert.Equal(17, file.Metadata.Count);
    }

    [Theory]
    [InlineData(GgufFloatType.F32, 0u)]
    [InlineData(GgufFloatType.F16, 1u)]
    public void EveryMetadataKeyHasTheValueAndGgufTypeLlamaCppReads(GgufFloatType type, uint fileType)
    {
        using var folder = new TempFolder();
        var file = Export(folder, type, out _);
        var (tokens, merges) = TinyGpt2.Vocabulary();
        var expected = new Dictionary<string, object>
        {
            ["general.architecture"] = "gpt2",
            ["general.name"] = "verse-tiny",
            ["general.file_type"] = fileType,
            ["general.alignment"] = 32u,
            ["gpt2.context_length"] = (uint)Positions,
            ["gpt2.embedding_length"] = (uint)E,
            ["gpt2.feed_forward_length"] = (uint)FeedForward,
            ["gpt2.block_count"] = (uint)Layers,
            ["gpt2.attention.head_count"] = 2u,
            ["gpt2.attention.layer_norm_epsilon"] = 1e-5f,
            ["tokenizer.ggml.model"] = "gpt2",
            ["tokenizer.ggml.pre"] = "gpt-2",
            ["tokenizer.ggml.tokens"] = tokens.ToArray(),
            ["tokenizer.ggml.token_type"] = Enumerable.Range(0, Vocab).Select(id => id == TinyGpt2.EndOfText ? 3 : 1).ToArray(),
            ["tokenizer.ggml.merges"] = merges.Select(merge => merge.Left + " " + merge.Right).ToArray(),
            ["tokenizer.ggml.bos_token_id"] = (uint)TinyGpt2.EndOfText,
            ["tokenizer.ggml.eos_token_id"] = (uint)TinyGpt2.EndOfText,
        };

        Assert.Equal(expected.Keys.Order(), file.Metadata.Keys.Order());
        foreach (var (key, value) in expected)
        {
            Assert.IsType(value.GetType(), file.Metadata[key]);
            Assert.Equal(value, file.Metadata[key]);
        }
        Assert.Contains("Ġ t", (string[])file.Metadata["tokenizer.ggml.merges"]);
    }

    [Fact]
    public void BosAndEosAreControlTokensAndEveryOtherTokenIsNormal()
    {
        using var folder = new TempFolder();
        var file = Export(folder, GgufFloatType.F16, out _);
        var types = (int[])file.Metadata["tokenizer.ggml.token_type"];
        var tokens = (string[])file.Metadata["tokenizer.ggml.tokens"];

        Assert.Equal("<|endoftext|>", tokens[(int)(uint)file.Metadata["tokenizer.ggml.eos_token_id"]]);
        Assert.Equal(3, types[TinyGpt2.EndOfText]);
        Assert.All(types.Take(TinyGpt2.EndOfText), type => Assert.Equal(1, type));
    }

    [Fact]
    public void F32TensorsHaveLlamaCppNamesAndDimsAndExactlyTheTransposedHuggingFaceValues()
    {
        using var folder = new TempFolder();
        var file = Export(folder, GgufFloatType.F32, out _);
        var hf = TinyGpt2.RandomWeights().ToDictionary(tensor => tensor.Name);

        Assert.Equal(Expected().Select(e => e.Gguf).Order(), file.Tensors.Select(t => t.Name).Order());
        foreach (var (name, hfName, ne, transposed) in Expected())
        {
            var tensor = Assert.Single(file.Tensors, t => t.Name == name);
            Assert.Equal(ne, tensor.Dimensions);
            Assert.Equal(GgmlType.F32, tensor.Type);
            Assert.Equal(LlamaCppLayout(hf[hfName], transposed), tensor.Data);
        }
    }

    [Fact]
    public void F16FilesStoreMatricesAsHalfButKeepNormsBiasesAndPositionsInF32()
    {
        using var folder = new TempFolder();
        var file = Export(folder, GgufFloatType.F16, out _);
        var hf = TinyGpt2.RandomWeights().ToDictionary(tensor => tensor.Name);

        foreach (var (name, hfName, ne, transposed) in Expected())
        {
            var tensor = Assert.Single(file.Tensors, t => t.Name == name);
            var expected = LlamaCppLayout(hf[hfName], transposed);
            var keptF32 = ne.Length == 1 || name == "position_embd.weight";
            Assert.Equal(ne, tensor.Dimensions);
            Assert.Equal(keptF32 ? GgmlType.F32 : GgmlType.F16, tensor.Type);
            if (keptF32)
            {
                Assert.Equal(expected, tensor.Data);
                continue;
            }
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal((float)(Half)expected[i], tensor.Data[i]);
                Assert.True(Math.Abs(tensor.Data[i] - expected[i]) <= 1f / 2048, $"{name}[{i}]: {tensor.Data[i]} vs {expected[i]}");
            }
        }
    }

    [Theory]
    [InlineData(GgufFloatType.F32)]
    [InlineData(GgufFloatType.F16)]
    public void TensorDataIsAlignedTo32BytesAndPaddedWithZeros(GgufFloatType type)
    {
        using var folder = new TempFolder();
        var file = Export(folder, type, out var path);
        var bytes = File.ReadAllBytes(path);

        Assert.Equal(32u, file.Alignment);
        Assert.Equal(0, file.DataStart % 32);
        Assert.Equal(0, bytes.Length % 32);
        foreach (var tensor in file.Tensors)
        {
            Assert.Equal(0ul, tensor.Offset % 32);
            var end = file.DataStart + (long)tensor.Offset + tensor.Data.Length * (tensor.Type == GgmlType.F32 ? 4 : 2);
            Assert.All(bytes[(int)end..(int)((end + 31) / 32 * 32)], padding => Assert.Equal(0, padding));
        }
    }

    [Fact]
    public void ATransformerPrefixIsAcceptedAndCausalMaskBuffersAndATiedHeadAreIgnored()
    {
        using var folder = new TempFolder();
        var path = folder.File("prefixed.gguf");
        var tensors = TinyGpt2.RandomWeights()
            .Select(tensor => tensor with { Name = "transformer." + tensor.Name })
            .Append(NamedTensor.Create("transformer.h.0.attn.bias", [1, 1, 2, 2], [1, 0, 1, 1]))
            .Append(NamedTensor.Create("lm_head.weight", [Vocab, E], new float[Vocab * E]))
            .ToList();

        Write(path, tensors, GgufFloatType.F32);

        Assert.Equal(Expected().Count(), GgufReader.Read(path).Tensors.Count);
    }

    [Fact]
    public void AMissingTensorIsRefused()
    {
        var tensors = TinyGpt2.RandomWeights().Where(tensor => tensor.Name != "h.1.mlp.c_fc.bias").ToList();

        var error = Assert.Throws<ArgumentException>(() => Write(Path.Combine(Path.GetTempPath(), "never.gguf"), tensors, GgufFloatType.F32));
        Assert.Contains("h.1.mlp.c_fc.bias", error.Message);
    }

    [Fact]
    public void AnUnknownTensorIsRefused()
    {
        var tensors = TinyGpt2.RandomWeights().Append(NamedTensor.Create("h.2.ln_1.weight", [E], new float[E])).ToList();

        var error = Assert.Throws<ArgumentException>(() => Write(Path.Combine(Path.GetTempPath(), "never.gguf"), tensors, GgufFloatType.F32));
        Assert.Contains("h.2.ln_1.weight", error.Message);
    }

    [Fact]
    public void AConv1DWeightStoredTheOtherWayRoundIsRefused()
    {
        var tensors = TinyGpt2.RandomWeights()
            .Select(tensor => tensor.Name == "h.0.mlp.c_fc.weight" ? tensor with { Shape = [4 * E, E] } : tensor)
            .ToList();

        var error = Assert.Throws<ArgumentException>(() => Write(Path.Combine(Path.GetTempPath(), "never.gguf"), tensors, GgufFloatType.F32));
        Assert.Contains("h.0.mlp.c_fc.weight", error.Message);
    }

    [Fact]
    public void AVocabularyOfTheWrongSizeIsRefused()
    {
        var (tokens, merges) = TinyGpt2.Vocabulary();

        Assert.Throws<ArgumentException>(() => GgufWriter.WriteGpt2(Path.Combine(Path.GetTempPath(), "never.gguf"), TinyGpt2.Config,
            TinyGpt2.RandomWeights(), tokens.Skip(1).ToList(), merges, 0, 0, GgufFloatType.F32, "x"));
    }

    [Fact]
    public void ANonAsciiModelNameRoundTrips()
    {
        using var folder = new TempFolder();
        var path = folder.File("named.gguf");
        var (tokens, merges) = TinyGpt2.Vocabulary();

        GgufWriter.WriteGpt2(path, TinyGpt2.Config, TinyGpt2.RandomWeights(), tokens, merges, TinyGpt2.EndOfText, TinyGpt2.EndOfText, GgufFloatType.F16, "Élégie №7");

        Assert.Equal("Élégie №7", GgufReader.Read(path).Metadata["general.name"]);
        Assert.Equal([path], Directory.GetFileSystemEntries(folder.Path));
    }

    /// <summary>Row-major values in llama.cpp's layout: Conv1D (in, out) becomes (out, in), i.e. ne = [in, out].</summary>
    private static float[] LlamaCppLayout(NamedTensor hf, bool transposed)
    {
        if (!transposed)
            return hf.Data;
        var (inputs, outputs) = ((int)hf.Shape[0], (int)hf.Shape[1]);
        var result = new float[hf.Data.Length];
        for (var o = 0; o < outputs; o++)
            for (var i = 0; i < inputs; i++)
                result[o * inputs + i] = hf.Data[i * outputs + o];
        return result;
    }

    internal static GgufFile Export(TempFolder folder, GgufFloatType type, out string path)
    {
        path = folder.File($"tiny-{type}.gguf");
        Write(path, TinyGpt2.RandomWeights(), type);
        return GgufReader.Read(path);
    }

    private static void Write(string path, IReadOnlyList<NamedTensor> tensors, GgufFloatType type)
    {
        var (tokens, merges) = TinyGpt2.Vocabulary();
        GgufWriter.WriteGpt2(path, TinyGpt2.Config, tensors, tokens, merges, TinyGpt2.EndOfText, TinyGpt2.EndOfText, type, "verse-tiny");
    }
}
