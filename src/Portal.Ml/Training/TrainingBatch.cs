using TorchSharp;
using static TorchSharp.torch;

namespace Portal.Ml.Training;

/// <summary>
/// One (B, T) batch of next-token examples. Rows shorter than T are padded; <see cref="Mask"/> is 0 on padding and,
/// when the prompt is masked, on prompt targets, so neither contributes to the loss. The tensors belong to the
/// dispose scope that was current when the batch was built.
/// </summary>
public sealed record TrainingBatch(Tensor Inputs, Tensor Targets, Tensor Mask, int TokenCount, int TargetCount)
{
    /// <param name="padId">Fills the padded input positions; any id works since their targets are masked.</param>
    public static TrainingBatch Build(IReadOnlyList<TokenizedExample> rows, bool maskPrompt, int padId, Device device)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
            throw new ArgumentException("A batch needs at least one example.", nameof(rows));

        var b = rows.Count;
        var t = Math.Max(1, rows.Max(row => row.Length) - 1);
        var inputs = new long[b * t];
        var targets = new long[b * t];
        var mask = new float[b * t];
        int tokens = 0, counted = 0;
        for (var r = 0; r < b; r++)
        {
            var row = rows[r];
            for (var i = 0; i < t; i++)
            {
                var at = r * t + i;
                var hasInput = i < row.Length;
                var hasTarget = i + 1 < row.Length;
                inputs[at] = hasInput ? row.Tokens[i] : padId;
                targets[at] = hasTarget ? row.Tokens[i + 1] : padId;
                // Target i + 1 is a prompt token when it comes before the prompt's end.
                var learns = hasTarget && (!maskPrompt || i + 1 >= row.PromptLength);
                mask[at] = learns ? 1f : 0f;
                tokens += hasInput && i < row.Length - 1 ? 1 : 0;
                counted += learns ? 1 : 0;
            }
        }

        return new TrainingBatch(
            torch.tensor(inputs, [b, t], device: device),
            torch.tensor(targets, [b, t], device: device),
            torch.tensor(mask, [b, t], device: device),
            tokens,
            counted);
    }
}
