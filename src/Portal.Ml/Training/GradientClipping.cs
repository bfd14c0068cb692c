using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Portal.Ml.Training;

/// <summary>
/// Scales all gradients together so that their global L2 norm is at most a limit, as torch.nn.utils.clip_grad_norm_
/// does. TorchSharp's version returns the norm as a double, which makes every step wait for its value (a device sync
/// on CUDA); this one keeps it a tensor, so a step only waits when it is logged.
/// </summary>
public static class GradientClipping
{
    /// <returns>The global norm before clipping, as a scalar tensor.</returns>
    public static Tensor ClipByGlobalNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var gradients = parameters.Select(parameter => parameter.grad).OfType<Tensor>().ToList();
        if (gradients.Count == 0)
            return torch.zeros(1);

        var total = torch.stack(gradients.Select(gradient => gradient.norm()).ToArray()).norm();
        // Always multiplied (by 1 when under the limit) rather than branched on, which would need the value.
        var coefficient = (maxNorm / (total + 1e-6)).clamp_max(1.0);
        foreach (var gradient in gradients)
            gradient.mul_(coefficient);
        return total;
    }
}
