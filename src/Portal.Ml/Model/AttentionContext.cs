using static TorchSharp.torch;

namespace Portal.Ml.Model;

/// <summary>
/// What one forward pass tells every attention layer: which keys a query may see, and where cached keys live.
/// </summary>
internal sealed record AttentionContext(Tensor? Mask, bool IsCausal, KvCache? Cache, int Layer = 0)
{
    /// <summary>A whole sequence at once: SDPA's own causal mask is exact because queries and keys start together.</summary>
    public static AttentionContext Causal { get; } = new(null, true, null);

    public AttentionContext ForLayer(int layer) => this with { Layer = layer };
}
