using Portal.Core.Training;
using Portal.Ml.Generation;
using Portal.Ml.Model;
using Portal.Ml.Runtime;
using Portal.Ml.Tokenization;
using Portal.Ml.Training;

namespace Portal.Worker.Execution;

/// <summary>The figures only a finished candidate gives: its probes, and the forgetting check against the previous model.</summary>
internal static class CandidateEvaluation
{
    /// <param name="knownVerses">Verses the previous model learned; their loss is compared only when both models are there.</param>
    /// <param name="start">The step-0 evaluation, whose probes are the "before" of each pair.</param>
    public static ((double Before, double After)? KnownVerses, IReadOnlyList<ProbePair> Probes) Measure(
        string candidateFolder, string? previousFolder, IReadOnlyList<SnapshotVerse> knownVerses, TrainingOptions options, RunStart? start,
        CancellationToken cancellationToken)
    {
        var verses = TrainingSettingsMapping.ToTrainingVerses(knownVerses);
        var compare = verses.Count > 0 && previousFolder is not null && HfCheckpoint.IsModelFolder(previousFolder);
        var before = compare ? LyricsLoss.PerCharacter(previousFolder!, verses) : null;

        // Loaded once for both: a large model takes a while to read.
        var tokenizer = Gpt2Tokenizer.LoadFolder(candidateFolder);
        var (model, _) = HfCheckpoint.Load(candidateFolder, TorchDevices.Preferred());
        using (model)
        {
            var after = compare ? LyricsLoss.PerCharacter(model, tokenizer, verses) : null;
            var known = before is { } b && after is { } a ? (b, a) : ((double, double)?)null;
            return (known, Probes(model, tokenizer, options, start, cancellationToken));
        }
    }

    /// <summary>
    /// What the candidate writes for each probe, with the very options the trainer probes with, next to what the
    /// starting weights wrote at step 0.
    /// </summary>
    private static IReadOnlyList<ProbePair> Probes(Gpt model, Gpt2Tokenizer tokenizer, TrainingOptions options, RunStart? start, CancellationToken cancellationToken)
    {
        var generator = new Generator(model, TokenCodec.From(tokenizer));
        var generation = new GenerationOptions { MaxNewTokens = options.ProbeTokens, Seed = options.Seed };
        return options.ProbePrompts
            .Select(prompt => new ProbePair(
                prompt,
                start?.Probes.FirstOrDefault(p => p.Prompt == prompt)?.Text ?? "",
                generator.Generate(prompt, generation, cancellationToken: cancellationToken).Text))
            .ToList();
    }
}
