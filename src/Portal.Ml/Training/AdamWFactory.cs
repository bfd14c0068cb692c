using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Portal.Ml.Training;

/// <summary>
/// AdamW with nanoGPT's two parameter groups: every tensor of two or more dimensions (matmul weights and the
/// embeddings) decays; biases and LayerNorm gains and shifts do not, since shrinking those toward zero only hurts.
/// </summary>
public static class AdamWFactory
{
    public static AdamW Create(nn.Module model, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var parameters = model.parameters().Where(parameter => parameter.requires_grad).ToList();
        var decay = parameters.Where(parameter => parameter.dim() >= 2).ToList();
        var noDecay = parameters.Where(parameter => parameter.dim() < 2).ToList();
        var groups = new List<AdamW.ParamGroup>
        {
            new(decay, options.LearningRate, options.Beta1, options.Beta2, 1e-8, options.WeightDecay, false, false),
            new(noDecay, options.LearningRate, options.Beta1, options.Beta2, 1e-8, 0.0, false, false),
        };
        return optim.AdamW(groups, options.LearningRate, options.Beta1, options.Beta2, 1e-8, options.WeightDecay);
    }
}
