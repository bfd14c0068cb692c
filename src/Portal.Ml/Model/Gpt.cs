using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Portal.Ml.Model;

/// <summary>
/// GPT-2 as Hugging Face names it: named_parameters() yields exactly GPT2Model's state-dict keys (wte.weight,
/// h.0.attn.c_attn.weight, ..., ln_f.bias), so checkpoints map one to one. The language-model head is the token
/// embedding itself (tied), so it has no parameter of its own. Linear weights are [out, in]; Hugging Face's Conv1D
/// stores [in, out], which <see cref="HfCheckpoint"/> transposes.
/// </summary>
public sealed class Gpt : nn.Module<Tensor, Tensor>
{
    private readonly Embedding wte;
    private readonly Embedding wpe;
    private readonly Dropout drop;
    private readonly ModuleList<Block> h;
    private readonly LayerNorm ln_f;

    public Gpt(GptConfig config) : base(nameof(Gpt))
    {
        config.Validate();
        Config = config;
        wte = nn.Embedding(config.VocabSize, config.NEmbd);
        wpe = nn.Embedding(config.NPositions, config.NEmbd);
        drop = nn.Dropout(config.Dropout);
        h = new ModuleList<Block>(Enumerable.Range(0, config.NLayer).Select(_ => new Block(config)).ToArray());
        ln_f = nn.LayerNorm(config.NEmbd, config.LayerNormEpsilon);
        register_module(nameof(wte), wte);
        register_module(nameof(wpe), wpe);
        register_module(nameof(drop), drop);
        register_module(nameof(h), h);
        register_module(nameof(ln_f), ln_f);
        InitializeWeights();
    }

    public GptConfig Config { get; }

    /// <summary>Logits for every position of whole sequences: idx (B, T) int64 -> (B, T, V).</summary>
    public override Tensor forward(Tensor idx)
    {
        CheckTokens(idx, past: 0);
        return Run(idx, past: 0, AttentionContext.Causal);
    }

    /// <summary>
    /// Incremental decoding: feeds only the new tokens idx (B, T), attends to everything the cache already holds,
    /// appends the new keys and values, and returns logits for the new positions (B, T, V). Runs without autograd:
    /// a cache is for sampling, not training.
    /// </summary>
    public Tensor Forward(Tensor idx, KvCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        cache.CheckFits(Config);
        var past = cache.Length;
        CheckTokens(idx, past);
        var t = idx.size(1);

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        // One new token may see every cached key, so it needs no mask. Several new tokens after a prefix need a mask
        // aligned to the bottom right (query i sees keys up to past + i); SDPA's is_causal aligns top left, which is
        // only right when there is no prefix.
        var context = t == 1 ? new AttentionContext(null, false, cache)
            : past == 0 ? new AttentionContext(null, true, cache)
            : new AttentionContext(torch.ones(t, past + t, ScalarType.Bool, idx.device).tril(past), false, cache);
        var logits = Run(idx, past, context);
        cache.Advance((int)t);
        return logits.MoveToOuterDisposeScope();
    }

    private Tensor Run(Tensor idx, long past, AttentionContext context)
    {
        using var scope = torch.NewDisposeScope();
        var t = idx.size(1);
        var positions = torch.arange(past, past + t, ScalarType.Int64, idx.device);          // (T)
        var x = drop.forward(wte.forward(idx) + wpe.forward(positions));                     // (B, T, C)
        for (var layer = 0; layer < h.Count; layer++)
            x = h[layer].Forward(x, context.ForLayer(layer));                                // (B, T, C)
        x = ln_f.forward(x);
        // The head is the token embedding (tied), as in GPT-2: no separate lm_head parameter to train or save.
        return nn.functional.linear(x, wte.weight!).MoveToOuterDisposeScope();              // (B, T, V)
    }

    private void CheckTokens(Tensor idx, long past)
    {
        if (idx.dim() != 2 || idx.dtype != ScalarType.Int64)
            throw new ArgumentException($"Token ids must be a (batch, time) int64 tensor; got {idx.dtype} of shape [{string.Join(", ", idx.shape)}].", nameof(idx));
        if (past + idx.size(1) > Config.NPositions)
            throw new ArgumentException(
                past == 0
                    ? $"A sequence of {idx.size(1)} tokens is longer than the model's context of {Config.NPositions}."
                    : $"The cache holds {past} tokens; {idx.size(1)} more would pass the model's context of {Config.NPositions}. Start a new cache from the most recent tokens.",
                nameof(idx));
    }

    /// <summary>GPT-2's initialisation: N(0, 0.02) weights, zero biases, and residual projections scaled down by
    /// 1/sqrt(2 * n_layer) so that the residual stream's variance does not grow with depth.</summary>
    private void InitializeWeights()
    {
        using var noGrad = torch.no_grad();
        foreach (var (_, module) in named_modules())
        {
            if (module is Linear linear)
            {
                nn.init.normal_(linear.weight, 0.0, 0.02);
                if (linear.bias is not null) nn.init.zeros_(linear.bias);
            }
            else if (module is Embedding embedding)
            {
                nn.init.normal_(embedding.weight, 0.0, 0.02);
            }
        }

        var residualStd = 0.02 / Math.Sqrt(2.0 * Config.NLayer);
        foreach (var (name, parameter) in named_parameters())
            if (name.EndsWith("c_proj.weight", StringComparison.Ordinal))
                nn.init.normal_(parameter, 0.0, residualStd);
    }
}
