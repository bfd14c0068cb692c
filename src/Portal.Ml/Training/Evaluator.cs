using TorchSharp;
using static TorchSharp.torch;

namespace Portal.Ml.Training;

/// <summary>Masked loss over the validation set in a fixed order, so evaluations are comparable step to step.</summary>
public sealed class Evaluator(nn.Module<Tensor, Tensor> model, TrainingData data, TrainingOptions options, Device device)
{
    /// <summary>Token-weighted mean validation loss, or null when there is nothing to validate on.</summary>
    public float? Loss()
    {
        if (data.Validation.Count == 0)
            return null;

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        model.eval();
        try
        {
            var total = torch.zeros(1, device: device);
            var counted = 0;
            var batches = data.Validation.Chunk(options.BatchSize).Take(options.EvalBatches ?? int.MaxValue);
            foreach (var rows in batches)
            {
                var batch = TrainingBatch.Build(rows, options.MaskPrompt, data.PadId, device);
                var logits = model.forward(batch.Inputs);
                total += MaskedLoss.Compute(logits, batch.Targets, batch.Mask) * batch.TargetCount;
                counted += batch.TargetCount;
            }
            return counted == 0 ? null : (total / counted).item<float>();
        }
        finally
        {
            model.train();
        }
    }
}
