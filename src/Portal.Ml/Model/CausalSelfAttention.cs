using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Portal.Ml.Model;

/// <summary>
/// Multi-head causal self-attention with GPT-2's fused query/key/value projection (c_attn), so that checkpoint
/// tensors map one to one.
/// </summary>
internal sealed class CausalSelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear c_attn;
    private readonly Linear c_proj;
    private readonly Dropout resid_dropout;
    private readonly int _nHead;
    private readonly long _nEmbd;
    private readonly double _attnDropout;

    public CausalSelfAttention(GptConfig config) : base(nameof(CausalSelfAttention))
    {
        _nHead = config.NHead;
        _nEmbd = config.NEmbd;
        _attnDropout = config.Dropout;
        c_attn = nn.Linear(_nEmbd, 3 * _nEmbd);
        c_proj = nn.Linear(_nEmbd, _nEmbd);
        resid_dropout = nn.Dropout(config.Dropout);
        register_module(nameof(c_attn), c_attn);
        register_module(nameof(c_proj), c_proj);
        register_module(nameof(resid_dropout), resid_dropout);
    }

    public override Tensor forward(Tensor x) => Forward(x, AttentionContext.Causal);

    public Tensor Forward(Tensor x, AttentionContext context)
    {
        var (b, t, c) = (x.size(0), x.size(1), x.size(2));
        using var qkv = c_attn.forward(x);                                                   // (B, T, 3C)
        var parts = qkv.split(_nEmbd, 2);
        using var q = Heads(parts[0], b, t);                                                 // (B, nh, T, hs)
        using var k = Heads(parts[1], b, t);                                                 // (B, nh, T, hs)
        using var v = Heads(parts[2], b, t);                                                 // (B, nh, T, hs)
        foreach (var part in parts) part.Dispose();

        var (keys, values) = context.Cache is null ? (k, v) : context.Cache.Append(context.Layer, k, v); // (B, nh, S, hs)
        // SDPA's dropout is functional: it applies whenever p > 0, so only hand it p while training.
        using var y = nn.functional.scaled_dot_product_attention(
            q, keys, values, context.Mask, training ? _attnDropout : 0.0, context.IsCausal);   // (B, nh, T, hs)
        if (context.Cache is not null)
        {
            keys.Dispose();
            values.Dispose();
        }

        using var merged = y.transpose(1, 2).contiguous().view(b, t, c);                     // (B, T, C)
        using var projected = c_proj.forward(merged);
        return resid_dropout.forward(projected);
    }

    private Tensor Heads(Tensor part, long b, long t) => part.view(b, t, _nHead, _nEmbd / _nHead).transpose(1, 2);
}
