using System.Diagnostics;
using Portal.Ml.Model;
using Portal.Ml.Training;
using TorchSharp;

namespace Portal.Ml.Generation;

/// <summary>
/// Writes lyrics for a prompt, token by token, through the same <see cref="PromptTemplate"/> the model was trained
/// with. Runs on the calling thread; <see cref="InferenceWorker"/> gives it a thread of its own for concurrent callers.
/// </summary>
public sealed class Generator(Gpt model, TokenCodec codec, PromptTemplate? template = null)
{
    private readonly PromptTemplate _template = template ?? PromptTemplate.Default;

    public Gpt Model => model;

    /// <param name="onText">Gets each piece of text as soon as it is safe to show.</param>
    public GenerationResult Generate(string prompt, GenerationOptions options, Action<string>? onText = null, CancellationToken cancellationToken = default) =>
        GenerateFromTokens(codec.Encode(_template.Prompt(prompt)), options, onText, cancellationToken);

    /// <summary>Continues raw token ids, without the template (benchmarks, tests).</summary>
    public GenerationResult GenerateFromTokens(IReadOnlyList<int> promptTokens, GenerationOptions options, Action<string>? onText = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(promptTokens);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (promptTokens.Count == 0)
            throw new ArgumentException("Generation needs at least one prompt token.", nameof(promptTokens));

        var clock = Stopwatch.StartNew();
        var device = model.parameters().First().device;
        var tokens = promptTokens.ToList();
        var seen = new HashSet<int>(promptTokens);
        var generated = new List<int>();
        var text = new TextAssembler(codec, options.StopSequences);
        var firstToken = TimeSpan.Zero;
        var reason = FinishReason.Length;

        using var random = new torch.Generator((ulong)(options.Seed ?? Random.Shared.NextInt64()), device);
        using ITokenDecoder decoder = options.UseCache ? new CachedDecoder(model, device) : new FullDecoder(model, device);
        using var noGrad = torch.no_grad();
        var wasTraining = model.training;
        model.eval();
        try
        {
            while (generated.Count < options.MaxNewTokens)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    reason = FinishReason.Cancelled;
                    break;
                }

                using var scope = torch.NewDisposeScope();
                var next = TokenSampler.Next(decoder.NextLogits(tokens), seen, options, random);
                if (generated.Count == 0)
                    firstToken = clock.Elapsed;
                if (next == codec.EndOfTextId)
                {
                    reason = FinishReason.EndOfText;
                    break;
                }

                tokens.Add(next);
                generated.Add(next);
                seen.Add(next);
                Emit(text.Add(next), onText);
                if (text.Stopped)
                {
                    reason = FinishReason.StopSequence;
                    break;
                }
            }
        }
        finally
        {
            if (wasTraining) model.train();
        }

        if (!text.Stopped)
            Emit(text.Flush(), onText);
        return new GenerationResult(text.Text, generated, promptTokens.Count, reason, firstToken, clock.Elapsed);
    }

    private static void Emit(string piece, Action<string>? onText)
    {
        if (piece.Length > 0)
            onText?.Invoke(piece);
    }
}
