using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Portal.Ml.Training;

/// <summary>Cross-entropy averaged over the targets the mask keeps (padding and, by default, the prompt are dropped).</summary>
public static class MaskedLoss
{
    /// <param name="logits">(B, T, V)</param>
    /// <param name="targets">(B, T) token ids</param>
    /// <param name="mask">(B, T) 1 where the target counts</param>
    public static Tensor Compute(Tensor logits, Tensor targets, Tensor mask)
    {
        var vocab = logits.shape[^1];
        var perToken = F.cross_entropy(logits.reshape(-1, vocab), targets.reshape(-1), reduction: nn.Reduction.None); // (B*T)
        var weights = mask.reshape(-1);
        // Clamped so that a batch with nothing to learn (all prompt) gives 0, not NaN.
        return (perToken * weights).sum() / weights.sum().clamp_min(1f);
    }
}
