using Portal.Ml.Generation;
using Portal.Ml.Model;
using Portal.Ml.Runtime;
using Portal.Ml.Tokenization;
using Portal.Ml.Training;

namespace Portal.Web.Services.Versions;

/// <summary>One model's side of a comparison: its per-character loss on the held-out verses and what it writes for each prompt.</summary>
internal sealed record ModelScore(double? Loss, IReadOnlyList<string> Outputs)
{
    /// <summary>Loads the model folder on the calling thread (a TorchSharp thread), measures it and frees it.</summary>
    public static ModelScore Measure(string modelFolder, ComparisonInputs inputs, CancellationToken cancellationToken)
    {
        var tokenizer = Gpt2Tokenizer.LoadFolder(modelFolder);
        var (model, _) = HfCheckpoint.Load(modelFolder, TorchDevices.Preferred());
        using (model)
        {
            var loss = inputs.HeldOut.Count > 0 ? LyricsLoss.PerCharacter(model, tokenizer, inputs.HeldOut) : null;
            var generator = new Generator(model, TokenCodec.From(tokenizer));
            var outputs = inputs.Prompts
                .Select(prompt => generator.Generate(prompt, inputs.Generation, cancellationToken: cancellationToken).Text)
                .ToList();
            return new ModelScore(loss, outputs);
        }
    }
}
