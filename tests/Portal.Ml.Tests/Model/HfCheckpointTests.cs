using System.Text.Json.Nodes;
using Portal.Ml.Formats.SafeTensors;
using Portal.Ml.Model;
using Portal.Ml.Tensors;
using Portal.Ml.Tokenization;
using TorchSharp;

namespace Portal.Ml.Tests.Model;

public class HfCheckpointTests
{
    private static readonly int[][] Sequences =
    [
        [7],
        [1, 2, 3, 4, 5],
        [49, 0, 49, 0, 12, 33, 8, 8, 8, 41, 2, 19, 27, 5, 44, 30],                            // the full context
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LoadedCheckpointMatchesThePlainArrayReference(bool asLmHeadModelWithMaskBuffers)
    {
        using var folder = new ScratchFolder();
        var tensors = TinyGpt2Checkpoint.Tensors();
        WriteFolder(folder, TinyGpt2Checkpoint.Config,
            asLmHeadModelWithMaskBuffers ? TinyGpt2Checkpoint.AsLmHeadModelWithBuffers(tensors) : tensors);

        var (model, config) = HfCheckpoint.Load(folder.Path, torch.CPU);
        using var _ = model;
        model.eval();

        Assert.Equal(TinyGpt2Checkpoint.Config, config);
        foreach (var tokens in Sequences)
            HfGptWeightsTests.AssertMatchesReference(model, tensors, tokens);
    }

    [Fact]
    public void SaveThenLoadRoundTripsEveryWeightBitForBit()
    {
        using var folder = new ScratchFolder();
        using var original = new Gpt(TinyGpt2Checkpoint.Config with { Dropout = 0.1 });

        HfCheckpoint.Save(original, folder.Path, bosTokenId: 49, eosTokenId: 49);
        var (loaded, config) = HfCheckpoint.Load(folder.Path);
        using var _ = loaded;

        Assert.Equal(original.Config, config);
        var expected = HfGptWeights.Export(original);
        var actual = HfGptWeights.Export(loaded);
        Assert.Equal(expected.Select(tensor => tensor.Name), actual.Select(tensor => tensor.Name));
        foreach (var (before, after) in expected.Zip(actual))
            Assert.Equal(before.Data, after.Data);
    }

    [Fact]
    public void SavedFolderHasHuggingFaceNamesLayoutAndConfigs()
    {
        using var folder = new ScratchFolder();
        using var model = new Gpt(TinyGpt2Checkpoint.Config);

        HfCheckpoint.Save(model, folder.Path, bosTokenId: 3, eosTokenId: 4);

        // Exactly GPT2Model's keys in Conv1D layout: what GPT2LMHeadModel.from_pretrained maps, tying lm_head itself.
        var saved = SafeTensorsFile.Read(folder.File("model.safetensors")).ToDictionary(tensor => tensor.Name, tensor => tensor.Shape);
        var layout = TinyGpt2Checkpoint.Layout(TinyGpt2Checkpoint.Config).ToList();
        Assert.Equal(layout.Select(entry => entry.Name).Order(StringComparer.Ordinal), saved.Keys.Order(StringComparer.Ordinal));
        Assert.All(layout, entry => Assert.Equal(entry.Shape, saved[entry.Name]));
        Assert.Equal("pt", SafeTensorsFile.ReadMetadata(folder.File("model.safetensors"))["format"]);

        var config = JsonNode.Parse(File.ReadAllText(folder.File("config.json")))!;
        Assert.Equal("gpt2", config["model_type"]!.GetValue<string>());
        Assert.Equal(3, config["bos_token_id"]!.GetValue<int>());
        var generation = JsonNode.Parse(File.ReadAllText(folder.File("generation_config.json")))!;
        Assert.Equal(3, generation["bos_token_id"]!.GetValue<int>());
        Assert.Equal(4, generation["eos_token_id"]!.GetValue<int>());
    }

    [Fact]
    public void SavingWithATokenizerWritesACompleteFolderWithEndOfTextAsBosAndEos()
    {
        using var folder = new ScratchFolder();
        var tokenizer = Gpt2Tokenizer.Train(["the rain in spain", "falls mainly on the plain"], vocabSize: 270);
        using var model = new Gpt(TinyGpt2Checkpoint.Config with { VocabSize = 272 });

        HfCheckpoint.Save(model, folder.Path, tokenizer);

        foreach (var file in new[] { "config.json", "model.safetensors", "generation_config.json", "vocab.json", "merges.txt" })
            Assert.True(File.Exists(folder.File(file)), file);
        var config = JsonNode.Parse(File.ReadAllText(folder.File("config.json")))!;
        Assert.Equal(tokenizer.EndOfTextId, config["eos_token_id"]!.GetValue<int>());
        Assert.Equal(tokenizer.Tokens, Gpt2Tokenizer.LoadFolder(folder.Path).Tokens);
    }

    [Fact]
    public void SavingRefusesATokenizerWithMoreIdsThanTheEmbedding()
    {
        using var folder = new ScratchFolder();
        var tokenizer = Gpt2Tokenizer.Train(["the rain in spain"], vocabSize: 262);
        using var model = new Gpt(TinyGpt2Checkpoint.Config);

        Assert.Throws<ArgumentException>(() => HfCheckpoint.Save(model, folder.Path, tokenizer));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public void FolderWithoutWeightsIsRefusedNamingTheMissingFile()
    {
        using var folder = new ScratchFolder();
        File.WriteAllText(folder.File("config.json"), TinyGpt2Checkpoint.Config.ToHuggingFaceJson(49, 49));

        var error = Assert.Throws<InvalidCheckpointException>(() => HfCheckpoint.Load(folder.Path));

        Assert.Equal(["model.safetensors is missing"], error.Problems);
        Assert.Contains("not a complete GPT-2 model folder", error.Message);
        Assert.False(HfCheckpoint.IsModelFolder(folder.Path));
    }

    [Fact]
    public void EmptyFolderIsRefusedListingEverythingMissing()
    {
        using var folder = new ScratchFolder();

        var error = Assert.Throws<InvalidCheckpointException>(() => HfCheckpoint.Load(folder.Path));

        Assert.Equal(["config.json is missing", "model.safetensors is missing"], error.Problems);
    }

    [Fact]
    public void PyTorchBinWeightsAreRefusedWithAConversionHint()
    {
        using var folder = new ScratchFolder();
        File.WriteAllText(folder.File("config.json"), TinyGpt2Checkpoint.Config.ToHuggingFaceJson(49, 49));
        File.WriteAllBytes(folder.File("pytorch_model.bin"), [0x80, 0x02]);

        var error = Assert.Throws<InvalidCheckpointException>(() => HfCheckpoint.Load(folder.Path));

        Assert.Contains("only pytorch_model.bin is present, which is not supported", error.Message);
        Assert.Contains("safe_serialization=True", error.Message);
    }

    [Fact]
    public void WeightsThatDoNotFitTheConfigAreRefusedWithEveryProblem()
    {
        using var folder = new ScratchFolder();
        var tensors = TinyGpt2Checkpoint.Tensors();
        tensors.RemoveAll(tensor => tensor.Name == "ln_f.bias");
        WriteFolder(folder, TinyGpt2Checkpoint.Config with { NPositions = 32 }, tensors);

        var error = Assert.Throws<InvalidCheckpointException>(() => HfCheckpoint.Load(folder.Path));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("wpe.weight has shape [16, 8], expected [32, 8]", error.Message);
        Assert.Contains("missing ln_f.bias [8]", error.Message);
        Assert.Contains(folder.File("model.safetensors"), error.Message);
        Assert.Contains("nothing was loaded", error.Message);
    }

    [Fact]
    public void ConfigOfAnotherActivationIsRefused()
    {
        using var folder = new ScratchFolder();
        WriteFolder(folder, TinyGpt2Checkpoint.Config, TinyGpt2Checkpoint.Tensors());
        var config = JsonNode.Parse(File.ReadAllText(folder.File("config.json")))!;
        config["activation_function"] = "relu";
        File.WriteAllText(folder.File("config.json"), config.ToJsonString());

        var error = Assert.Throws<InvalidCheckpointException>(() => HfCheckpoint.Load(folder.Path));

        Assert.Contains("activation_function \"relu\" is not supported", error.Message);
    }

    [Fact]
    public void UnreadableWeightsAreRefusedAsACheckpointProblem()
    {
        using var folder = new ScratchFolder();
        WriteFolder(folder, TinyGpt2Checkpoint.Config, TinyGpt2Checkpoint.Tensors());
        File.WriteAllBytes(folder.File("model.safetensors"), [1, 2, 3]);

        var error = Assert.Throws<InvalidCheckpointException>(() => HfCheckpoint.Load(folder.Path));

        Assert.Contains("cannot be read", error.Message);
    }

    private static void WriteFolder(ScratchFolder folder, GptConfig config, IEnumerable<NamedTensor> tensors)
    {
        File.WriteAllText(folder.File("config.json"), config.ToHuggingFaceJson(config.VocabSize - 1, config.VocabSize - 1));
        SafeTensorsFile.Write(folder.File("model.safetensors"), tensors);
    }
}
