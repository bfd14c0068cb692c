using Portal.Ml.Formats.Gguf;
using Portal.Ml.Model;

namespace Portal.Ml.Cli;

/// <summary><c>export</c>: a model folder as one GGUF file for llama.cpp and Ollama.</summary>
public static class ExportCommand
{
    public const string Usage = """
        export --model <folder> --out <file.gguf> [--f16] [--name <model name>]
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var cli = CliArguments.Parse(args, ["model", "out", "name"], ["f16"]);
        var folder = cli.Required("model");
        var path = cli.Required("out");
        var type = cli.Flag("f16") ? GgufFloatType.F16 : GgufFloatType.F32;

        var (model, tokenizer) = ModelFolder.Load(folder);
        using (model)
        {
            var name = cli.Optional("name") ?? Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
            GgufWriter.WriteGpt2(path, model.Config, HfGptWeights.Export(model), tokenizer.Tokens, tokenizer.Merges,
                tokenizer.EndOfTextId, tokenizer.EndOfTextId, type, name);
        }
        output.WriteLine($"Wrote {path} ({type}, {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB).");
        return 0;
    }
}
