using Portal.Core.Training;
using Portal.Ml.Generation;
using Portal.Ml.Training;
using Portal.Worker.Execution;

namespace Portal.Web.Services.Versions;

/// <summary>What a candidate and the current version are measured on: the same verses, prompts and sampling for both.</summary>
internal sealed record ComparisonInputs(IReadOnlyList<TrainingVerse> HeldOut, IReadOnlyList<string> Prompts, GenerationOptions Generation)
{
    /// <summary>Probe length when the job asked for none: long enough for a line or two.</summary>
    private const int DefaultTokens = 48;

    /// <summary>
    /// The candidate job's held-out verses, split exactly as the engine split them when it trained (by verse id, with
    /// the job's validation share), so that neither model is scored on a verse the candidate learned from; the golden
    /// prompts, or the first prompts of the job's verses when nobody chose any; and the job's probe length and seed.
    /// </summary>
    public static ComparisonInputs For(TrainingJob job, IReadOnlyList<SnapshotVerse> snapshot, IReadOnlyList<GoldenPrompt> golden)
    {
        ArgumentNullException.ThrowIfNull(job);
        var verses = TrainingSettingsMapping.ToTrainingVerses(snapshot);
        var heldOut = DatasetSplit.ByVerseId(verses, job.Settings.ValidationFraction).Validation;
        var prompts = golden.Count > 0
            ? golden.Select(p => p.Text).ToList()
            : snapshot.Select(v => v.Prompt.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Take(3).ToList();
        var generation = new GenerationOptions
        {
            MaxNewTokens = job.Settings.ProbeTokens > 0 ? job.Settings.ProbeTokens : DefaultTokens,
            Seed = job.Settings.Seed,
        };
        return new ComparisonInputs(heldOut, prompts, generation);
    }
}
