using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Portal.Ml.Model;

/// <summary>GPT-2's feed-forward half of a block: widen four times, tanh-GELU, project back.</summary>
internal sealed class Mlp : nn.Module<Tensor, Tensor>
{
    // Field names are the checkpoint's module names (h.{i}.mlp.c_fc, ...), as in nanoGPT.
    private readonly Linear c_fc;
    private readonly Linear c_proj;
    private readonly Dropout dropout;

    public Mlp(GptConfig config) : base(nameof(Mlp))
    {
        c_fc = nn.Linear(config.NEmbd, 4L * config.NEmbd);
        c_proj = nn.Linear(4L * config.NEmbd, config.NEmbd);
        dropout = nn.Dropout(config.Dropout);
        register_module(nameof(c_fc), c_fc);
        register_module(nameof(c_proj), c_proj);
        register_module(nameof(dropout), dropout);
    }

    public override Tensor forward(Tensor x)
    {
        using var hidden = c_fc.forward(x);                                                  // (B, T, 4C)
        // GPT-2 was trained with the tanh approximation ("gelu_new"); the exact erf GELU drifts from its checkpoints.
        using var activated = nn.functional.gelu(hidden, GELU.Approximate.tanh);
        using var projected = c_proj.forward(activated);                                     // (B, T, C)
        return dropout.forward(projected);
    }
}
