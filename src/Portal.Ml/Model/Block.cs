using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Portal.Ml.Model;

/// <summary>One pre-LayerNorm transformer block: x + attn(ln_1(x)), then x + mlp(ln_2(x)).</summary>
internal sealed class Block : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm ln_1;
    private readonly CausalSelfAttention attn;
    private readonly LayerNorm ln_2;
    private readonly Mlp mlp;

    public Block(GptConfig config) : base(nameof(Block))
    {
        ln_1 = nn.LayerNorm(config.NEmbd, config.LayerNormEpsilon);
        attn = new CausalSelfAttention(config);
        ln_2 = nn.LayerNorm(config.NEmbd, config.LayerNormEpsilon);
        mlp = new Mlp(config);
        register_module(nameof(ln_1), ln_1);
        register_module(nameof(attn), attn);
        register_module(nameof(ln_2), ln_2);
        register_module(nameof(mlp), mlp);
    }

    public override Tensor forward(Tensor x) => Forward(x, AttentionContext.Causal);

    public Tensor Forward(Tensor x, AttentionContext context)
    {
        using var normed1 = ln_1.forward(x);
        using var attended = attn.Forward(normed1, context);
        using var afterAttention = x + attended;                                             // (B, T, C)
        using var normed2 = ln_2.forward(afterAttention);
        using var fed = mlp.forward(normed2);
        return afterAttention + fed;                                                         // (B, T, C)
    }
}
