using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Ml.Formats;
using Portal.Ml.Formats.SafeTensors;
using Portal.Ml.Tensors;
using Portal.Ml.Tokenization;
using static TorchSharp.torch;

namespace Portal.Ml.Model;

/// <summary>
/// A Hugging Face GPT-2 model folder: config.json, model.safetensors, generation_config.json, and the tokenizer's
/// vocab.json and merges.txt. What <see cref="Save(Gpt, string, Gpt2Tokenizer, SafeTensorsDType)"/> writes loads
/// with GPT2LMHeadModel.from_pretrained; what <see cref="Load"/> reads is checked whole before any weight is copied.
/// </summary>
public static class HfCheckpoint
{
    public const string ConfigFileName = "config.json";
    public const string WeightsFileName = "model.safetensors";
    public const string GenerationConfigFileName = "generation_config.json";
    private const string PyTorchWeightsFileName = "pytorch_model.bin";
    private const string ShardedWeightsIndexFileName = "model.safetensors.index.json";

    /// <summary>
    /// Why a folder is not a loadable model (missing config.json or weights, or weights in a format we do not read);
    /// empty when it has what <see cref="Load"/> needs. Checks files only, not their content.
    /// </summary>
    public static IReadOnlyList<string> FindMissing(string folder)
    {
        if (!Directory.Exists(folder))
            return [$"the folder {folder} does not exist"];

        var problems = new List<string>();
        if (!File.Exists(Path.Combine(folder, ConfigFileName)))
            problems.Add($"{ConfigFileName} is missing");
        if (!File.Exists(Path.Combine(folder, WeightsFileName)))
        {
            if (File.Exists(Path.Combine(folder, ShardedWeightsIndexFileName)))
                problems.Add($"sharded weights ({ShardedWeightsIndexFileName}) are not supported; save the model as a single {WeightsFileName}");
            else if (File.Exists(Path.Combine(folder, PyTorchWeightsFileName)))
                problems.Add($"{WeightsFileName} is missing and only {PyTorchWeightsFileName} is present, which is not supported (a PyTorch pickle can run code when loaded); "
                    + $"convert it, e.g. in Python: GPT2LMHeadModel.from_pretrained(folder).save_pretrained(folder, safe_serialization=True)");
            else
                problems.Add($"{WeightsFileName} is missing");
        }
        return problems;
    }

    public static bool IsModelFolder(string folder) => FindMissing(folder).Count == 0;

    /// <summary>
    /// Reads config.json and model.safetensors into a model on <paramref name="device"/> (CPU when null). Throws
    /// <see cref="InvalidCheckpointException"/> listing every problem (missing files, an unsupported config, missing,
    /// unexpected or misshapen tensors) and loads nothing in that case.
    /// </summary>
    public static (Gpt Model, GptConfig Config) Load(string folder, Device? device = null)
    {
        var missing = FindMissing(folder);
        if (missing.Count > 0)
            throw new InvalidCheckpointException($"{folder} is not a complete GPT-2 model folder", missing);

        var config = ReadConfig(Path.Combine(folder, ConfigFileName));
        var weightsPath = Path.Combine(folder, WeightsFileName);
        IReadOnlyList<NamedTensor> tensors;
        try
        {
            tensors = SafeTensorsFile.Read(weightsPath);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidCheckpointException($"{weightsPath} cannot be read", [e.Message], e);
        }

        var model = HfGptWeights.Import(config, tensors, device, source: weightsPath);
        return (model, config);
    }

    /// <summary>
    /// Writes a complete model folder: the tokenizer's vocab.json and merges.txt, then the model (see
    /// <see cref="Save(Gpt, string, int, int, SafeTensorsDType)"/>), with &lt;|endoftext|&gt; as GPT-2's bos and eos.
    /// </summary>
    public static void Save(Gpt model, string folder, Gpt2Tokenizer tokenizer, SafeTensorsDType dtype = SafeTensorsDType.F32)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (tokenizer.VocabSize > model.Config.VocabSize)
            throw new ArgumentException($"The tokenizer has {tokenizer.VocabSize} ids but the model's embedding only {model.Config.VocabSize} rows.", nameof(tokenizer));
        Directory.CreateDirectory(folder);
        tokenizer.Save(folder);
        Save(model, folder, tokenizer.EndOfTextId, tokenizer.EndOfTextId, dtype);
    }

    /// <summary>
    /// Writes model.safetensors (Hugging Face names and Conv1D layout, no "transformer." prefix, head tied),
    /// generation_config.json and config.json. The tokenizer files are the caller's (see the overload taking a
    /// <see cref="Gpt2Tokenizer"/>). config.json is written last: a folder counts as a model only once it exists, so
    /// an interrupted save leaves an incomplete folder rather than a config with the wrong weights.
    /// </summary>
    public static void Save(Gpt model, string folder, int bosTokenId, int eosTokenId, SafeTensorsDType dtype = SafeTensorsDType.F32)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = model.Config;
        ArgumentOutOfRangeException.ThrowIfNegative(bosTokenId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bosTokenId, config.VocabSize);
        ArgumentOutOfRangeException.ThrowIfNegative(eosTokenId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(eosTokenId, config.VocabSize);

        Directory.CreateDirectory(folder);
        SafeTensorsFile.Write(Path.Combine(folder, WeightsFileName), HfGptWeights.Export(model), dtype);
        WriteText(Path.Combine(folder, GenerationConfigFileName), GenerationConfigJson(bosTokenId, eosTokenId));
        WriteText(Path.Combine(folder, ConfigFileName), config.ToHuggingFaceJson(bosTokenId, eosTokenId));
    }

    private static GptConfig ReadConfig(string path)
    {
        try
        {
            var json = File.ReadAllText(path);
            var config = GptConfig.FromHuggingFaceJson(json);
            var unsupported = HfConfigCompatibility.Problems((JsonObject)JsonNode.Parse(json)!, config);
            if (unsupported.Count > 0)
                throw new InvalidCheckpointException($"{path} describes a GPT-2 variant this model cannot run", unsupported);
            return config;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or InvalidOperationException or FormatException)
        {
            // A key of the wrong JSON type surfaces as InvalidOperationException or FormatException from GetValue.
            throw new InvalidCheckpointException($"{path} is not a usable GPT-2 config", [e.Message], e);
        }
    }

    private static string GenerationConfigJson(int bosTokenId, int eosTokenId) => new JsonObject
    {
        ["_from_model_config"] = true,
        ["bos_token_id"] = bosTokenId,
        ["eos_token_id"] = eosTokenId,
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static void WriteText(string path, string text) =>
        AtomicFile.Write(path, stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text + "\n")));
}
