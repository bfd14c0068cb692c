using Portal.Ml.Model;
using Portal.Ml.Tokenization;
using TorchSharp;

namespace Portal.Serving.Tests.Support;

/// <summary>
/// Two tiny real GPT-2 model folders (Hugging Face layout, BPE tokenizer trained on a few verses), different weights
/// each, made once for all the tests. Their end token is made unreachable, so every generation runs to its token
/// budget: tests can count on its length instead of on luck.
/// </summary>
public sealed class TinyModels : IDisposable
{
    private static readonly string[] Corpus =
    [
        "rain on the roof, slow and low\nthe night is long and the river too",
        "neon in my eyes, fast and high\ncity lights are singing in the sky",
        "old guitar and a dusty road\nI carry every song I ever owed",
    ];

    private readonly TempFolder _folder = new("serving-models-");

    public TinyModels()
    {
        var tokenizer = Gpt2Tokenizer.Train(Corpus, vocabSize: 320);
        First = Save("first", tokenizer, seed: 1);
        Second = Save("second", tokenizer, seed: 2);
    }

    /// <summary>Published as v1 in most tests.</summary>
    public string First { get; }

    /// <summary>Published as v2: other weights, so other text for the same seed.</summary>
    public string Second { get; }

    private string Save(string name, Gpt2Tokenizer tokenizer, int seed)
    {
        var folder = _folder.Combine(name);
        var config = new GptConfig(VocabSize: tokenizer.VocabSize, NPositions: 128, NEmbd: 32, NLayer: 2, NHead: 2);
        using var model = new Gpt(config);
        using var random = new torch.Generator((ulong)seed);
        using (torch.no_grad())
        {
            foreach (var (parameterName, parameter) in model.named_parameters())
            {
                using var values = parameterName.EndsWith(".bias", StringComparison.Ordinal) ? torch.zeros_like(parameter)
                    : parameterName.Contains("ln_", StringComparison.Ordinal) ? torch.ones_like(parameter)
                    : torch.randn(parameter.shape, generator: random) * 0.02;
                parameter.copy_(values);
            }
            MakeEndTokenUnreachable(model, tokenizer.EndOfTextId);
        }
        HfCheckpoint.Save(model, folder, tokenizer);
        return folder;
    }

    /// <summary>
    /// The final layer norm adds 8 along the first axis and the end token's embedding points the other way: its
    /// logit is at most -4 * (8 - sqrt(31)), about -10, while every other logit stays near 0.
    /// </summary>
    private static void MakeEndTokenUnreachable(Gpt model, int endOfTextId)
    {
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using var shift = parameters["ln_f.bias"][0];
        shift.fill_(8.0);
        using var end = parameters["wte.weight"][endOfTextId];
        end.zero_();
        using var endFirst = end[0];
        endFirst.fill_(-4.0);
    }

    public void Dispose() => _folder.Dispose();
}
