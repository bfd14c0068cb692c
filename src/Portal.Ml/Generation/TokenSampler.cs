using TorchSharp;
using static TorchSharp.torch;

namespace Portal.Ml.Generation;

/// <summary>Picks the next token from one position's logits: penalty, temperature, top-k, top-p, then a draw.</summary>
public static class TokenSampler
{
    /// <param name="logits">(V) scores of the next token.</param>
    /// <param name="seen">Tokens the repetition penalty applies to (prompt and generated so far).</param>
    /// <param name="random">The request's own generator, never libtorch's global one, so that sampling does not
    /// disturb a training run it probes and the same seed gives the same text.</param>
    public static int Next(Tensor logits, IReadOnlyCollection<int> seen, GenerationOptions options, torch.Generator random)
    {
        using var scope = torch.NewDisposeScope();
        var scores = logits.to_type(ScalarType.Float32);
        if (options.RepetitionPenalty != 1.0 && seen.Count > 0)
            scores = Penalize(scores, seen, options.RepetitionPenalty);
        if (options.Temperature == 0)
            return (int)scores.argmax().item<long>();

        scores = scores / options.Temperature;
        var cutsTopK = options.TopK is { } k && k < scores.shape[0];
        var cutsTopP = options.TopP is < 1.0;
        if (!cutsTopK && !cutsTopP)
            return (int)scores.softmax(0).multinomial(1, generator: random).item<long>();

        // Top-k first narrows the draw to k candidates, already sorted, so top-p and the softmax run on k values
        // instead of the whole vocabulary: the same distribution at a fraction of the cost per token.
        var (candidates, ids) = cutsTopK ? scores.topk(options.TopK!.Value) : scores.sort(descending: true);
        if (cutsTopP)
            candidates = KeepTopP(candidates, options.TopP!.Value);
        var pick = candidates.softmax(0).multinomial(1, generator: random);
        return (int)ids[pick].item<long>();
    }

    private static Tensor Penalize(Tensor scores, IReadOnlyCollection<int> seen, double penalty)
    {
        var ids = torch.tensor(seen.Distinct().Select(id => (long)id).ToArray(), device: scores.device);
        var picked = scores.gather(0, ids);
        // Dividing a negative score would make the token more likely; CTRL multiplies those instead.
        var penalized = torch.where(picked > 0, picked / penalty, picked * penalty);
        return scores.scatter(0, ids, penalized);
    }

    /// <summary>Keeps the smallest run of most likely tokens whose probability reaches p (always at least one).</summary>
    /// <param name="sorted">Scores in descending order.</param>
    private static Tensor KeepTopP(Tensor sorted, double p)
    {
        var probabilities = sorted.softmax(0);
        var before = probabilities.cumsum(0) - probabilities;   // mass of the more likely tokens
        return sorted.masked_fill(before > p, float.NegativeInfinity);
    }
}
