using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Portal.Ml.Tokenization;

/// <summary>Hugging Face's GPT-2 tokenizer files: vocab.json (token to id) and merges.txt (one merge a line, by rank).</summary>
static class Gpt2VocabularyFiles
{
    public const string VocabFileName = "vocab.json";
    public const string MergesFileName = "merges.txt";
    const string MergesHeader = "#version: 0.2";

    /// <summary>Tokens by id; the ids in vocab.json must be exactly 0..n-1, as a model's embedding rows are.</summary>
    public static List<string> ReadVocab(string path)
    {
        Dictionary<string, int> vocab;
        using (var stream = File.OpenRead(path))
        {
            vocab = JsonSerializer.Deserialize<Dictionary<string, int>>(stream)
                ?? throw new InvalidDataException($"{path} is not a JSON object of token ids.");
        }

        var tokens = new string?[vocab.Count];
        foreach (var (token, id) in vocab)
        {
            if (id < 0 || id >= tokens.Length || tokens[id] is not null)
                throw new InvalidDataException($"{path}: id {id} of \"{token}\" is out of range or repeated; ids must run 0..{tokens.Length - 1}.");
            tokens[id] = token;
        }

        return tokens.Select(token => token!).ToList();
    }

    public static List<(string Left, string Right)> ReadMerges(string path)
    {
        var merges = new List<(string Left, string Right)>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (line.Length == 0 || (lineNumber == 1 && line.StartsWith("#version", StringComparison.Ordinal))) continue;
            // Byte-level tokens never contain a space (it is spelled 'Ġ'), so one space separates the pair.
            var space = line.IndexOf(' ');
            if (space <= 0 || space == line.Length - 1 || line.IndexOf(' ', space + 1) >= 0)
                throw new InvalidDataException($"{path}:{lineNumber}: expected \"left right\", got \"{line}\".");
            merges.Add((line[..space], line[(space + 1)..]));
        }

        return merges;
    }

    public static void Write(string directory, IReadOnlyList<string> tokens, IReadOnlyList<(string Left, string Right)> merges)
    {
        Directory.CreateDirectory(directory);

        using (var stream = File.Create(Path.Combine(directory, VocabFileName)))
        // Relaxed escaping keeps 'Ġ' and friends readable; the file is data, never embedded in HTML.
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            for (var id = 0; id < tokens.Count; id++) json.WriteNumber(tokens[id], id);
            json.WriteEndObject();
        }

        using var writer = new StreamWriter(Path.Combine(directory, MergesFileName), append: false, new UTF8Encoding(false));
        writer.NewLine = "\n";
        writer.WriteLine(MergesHeader);
        foreach (var (left, right) in merges) writer.WriteLine($"{left} {right}");
    }
}
