using System.Text.Json;
using Portal.Ml.Cli;
using Portal.Ml.Model;

namespace Portal.Ml.Tests.Training;

public class TrainCommandTests
{
    /// <summary>The notebook's training_lyrics.json: a list of prompt and lyrics pairs.</summary>
    internal static string WriteVerses(string directory)
    {
        var verses = TinySetup.Verses.Select(v => new { prompt = v.Prompt, lyrics = v.Lyrics });
        var path = Path.Combine(directory, "training_lyrics.json");
        File.WriteAllText(path, JsonSerializer.Serialize(verses));
        return path;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void TrainFromAVerseFileWritesAHuggingFaceModelFolderThatGeneratesAndExports()
    {
        var directory = TinySetup.TempDirectory();
        var data = WriteVerses(directory);
        var model = Path.Combine(directory, "model");

        var train = Run("train", "--data", data, "--out", model, "--preset", "tiny", "--max-steps", "4", "--eval-interval", "2", "--probe", "rain blues");
        var generate = Run("generate", "--model", model, "--prompt", "rain blues", "--max-tokens", "5", "--seed", "1");
        var export = Run("export", "--model", model, "--out", Path.Combine(directory, "model.gguf"), "--f16");

        Assert.True(train.Code == 0, train.Output + train.Error);
        Assert.Contains("step 4/4", train.Output);
        Assert.Contains("[rain blues]", train.Output);
        Assert.True(HfCheckpoint.IsModelFolder(model));
        Assert.True(File.Exists(Path.Combine(model, "vocab.json")));
        Assert.True(generate.Code == 0, generate.Output + generate.Error);
        Assert.Contains("tokens", generate.Output);
        Assert.True(export.Code == 0, export.Output + export.Error);
        Assert.Equal("GGUF"u8.ToArray(), File.ReadAllBytes(Path.Combine(directory, "model.gguf"))[..4]);
    }

    [Theory]
    [InlineData(new[] { "fly" }, "Unknown command \"fly\"")]
    [InlineData(new[] { "train", "--out", "x" }, "--data is required")]
    [InlineData(new[] { "train", "--data", "x.json", "--out", "x", "--epochs", "three" }, "--epochs needs a whole number")]
    [InlineData(new[] { "train", "--data", "x.json", "--out", "x", "--epoch", "3" }, "Unknown option --epoch")]
    [InlineData(new[] { "train", "--data", "missing.json", "--out", "x" }, "does not exist")]
    [InlineData(new[] { "generate", "--model", "/nowhere", "--prompt", "p" }, "is not a model folder")]
    [InlineData(new[] { "generate", "--model", "m", "--prompt", "p", "--top-p", "2" }, "--top-p must be at most 1")]
    [InlineData(new[] { "train", "--data", "x.json", "--out", "x", "--mode", "sideways" }, "--mode must be one of")]
    public void BadArgumentsGetAClearErrorAndExitCodeTwo(string[] args, string message)
    {
        var (code, _, error) = Run(args);

        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }
}
