using System.Globalization;
using System.Text;
using Portal.Core.Training;

namespace Portal.Core.Versions;

/// <summary>
/// Writes MODEL_CARD.md for a version: what the model is, what it was trained on and how, how it measured, what it
/// is for and where it falls short, and the files that make it up. Every figure comes from the manifest, so the
/// card and manifest.json never disagree.
/// </summary>
public static class ModelCardWriter
{
    public const string FileName = "MODEL_CARD.md";

    public static string Write(VersionManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var card = new StringBuilder();
        card.Append("# Model card: ").Append(manifest.Tag).Append("\n\n");
        card.Append(Summary(manifest)).Append("\n\n");

        Section(card, "Model");
        Table(card, ["", ""], [
            ["Version", manifest.Tag],
            ["Created", manifest.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC"],
            ["Promoted by", MarkdownText.Cell(manifest.PromotedBy)],
            ["Training job", "#" + I(manifest.JobId)],
            ["Architecture", Architecture(manifest.Settings)],
            .. manifest.RollbackOf is { } target ? new[] { new[] { "Rollback of", VersionTag.Of(target) } } : [],
        ]);

        Section(card, "Data");
        Table(card, ["", ""], [
            ["Verses", N(manifest.VerseCount)],
            ["Dataset hash", Code(manifest.DatasetHash)],
            ["Held out for validation", P(manifest.Settings.ValidationFraction)],
        ]);

        Section(card, "Training");
        Table(card, ["Setting", "Value"], TrainingRows(manifest.Settings));

        Section(card, "Metrics");
        if (manifest.Metrics is { } metrics)
            Table(card, ["Figure", "Value"], MetricRows(metrics));
        else
            card.Append("No training figures were recorded for this version.\n\n");

        Section(card, "Checklist");
        if (manifest.Checklist.Count == 0)
            card.Append("No checklist was computed for this version.\n\n");
        else
            Table(card, ["Check", "Result", "Figure"], manifest.Checklist.Select(i => new[] { MarkdownText.Cell(i.Title), Result(i.Passed), MarkdownText.Cell(i.Figure) }));

        if (!string.IsNullOrWhiteSpace(manifest.Note))
        {
            Section(card, "Promoter's note");
            card.Append(MarkdownText.Quote(manifest.Note)).Append('\n');
        }

        Section(card, "Intended use");
        card.Append("Writing drafts in the writer's own voice: give it a prompt that describes a style or theme, the way the ")
            .Append("training verses were prompted, and it writes lyrics in that manner. The drafts are a starting point ")
            .Append("for the writer to edit, not finished work.\n\n");

        Section(card, "Limits");
        foreach (var limit in Limits(manifest.Settings))
            card.Append("- ").Append(limit).Append('\n');
        card.Append('\n');

        Section(card, "Files");
        Table(card, ["Path", "Size (bytes)", "SHA-256"], manifest.Files.Select(f => new[] { Code(f.Path), N(f.Size), Code(f.Sha256) }));
        return card.ToString().TrimEnd('\n') + "\n";
    }

    private static string Summary(VersionManifest manifest) => manifest.RollbackOf is { } target
        ? $"A small GPT-2 language model that writes verses, served again by rolling back to {VersionTag.Of(target)}. It was trained with Verse Portal on one writer's own verses."
        : "A small GPT-2 language model that writes verses, trained with Verse Portal on one writer's own verses.";

    private static string Architecture(TrainingSettings settings) => settings.StartMode switch
    {
        JobStartMode.Scratch => $"GPT-2, the \"{MarkdownText.Cell(settings.ModelSize)}\" size, trained from scratch with a tokenizer trained on the same verses",
        JobStartMode.Base => $"GPT-2, fine-tuned from the base model \"{MarkdownText.Cell(settings.BaseModel)}\" with that model's tokenizer",
        _ => "GPT-2, continued from the previous version with its tokenizer",
    };

    private static IEnumerable<string[]> TrainingRows(TrainingSettings s)
    {
        yield return ["Start", StartMode(s)];
        yield return ["Epochs", I(s.Epochs)];
        yield return ["Max steps", s.MaxSteps is { } max ? I(max) : "none (the epochs decide)"];
        yield return ["Learning rate", G(s.LearningRate)];
        yield return ["Minimum learning rate", s.MinLearningRate is { } min ? G(min) : "engine default"];
        yield return ["Warmup steps", I(s.WarmupSteps)];
        yield return ["Batch size", I(s.BatchSize)];
        yield return ["Gradient accumulation steps", I(s.GradientAccumulationSteps)];
        yield return ["Context length", s.ContextLength is { } context ? I(context) + " tokens" : "the model's own"];
        yield return ["Weight decay", G(s.WeightDecay)];
        yield return ["Adam betas", G(s.Beta1) + ", " + G(s.Beta2)];
        yield return ["Gradient clip", G(s.GradientClip)];
        yield return ["Evaluation interval", I(s.EvalInterval) + " steps"];
        yield return ["Evaluation batches", s.EvalBatches is { } batches ? I(batches) : "all validation verses"];
        yield return ["Early-stop patience", I(s.EarlyStopPatience) + " evaluations"];
        yield return ["Loss on lyrics only (prompt masked)", s.MaskPrompt ? "yes" : "no"];
        yield return ["Validation share", P(s.ValidationFraction)];
        yield return ["Replay ratio", G(s.ReplayRatio)];
        yield return ["Seed", I(s.Seed)];
    }

    private static string StartMode(TrainingSettings s) => s.StartMode switch
    {
        JobStartMode.Scratch => $"from scratch (\"{MarkdownText.Cell(s.ModelSize)}\" size)",
        JobStartMode.Base => $"base model \"{MarkdownText.Cell(s.BaseModel)}\"",
        _ => "continued from the previous version",
    };

    private static IEnumerable<string[]> MetricRows(JobMetrics m)
    {
        var measuredOn = MarkdownText.Cell(m.LossMeasuredOn) + " verses";
        yield return ["Steps", m.MaxSteps > 0 ? $"{N(m.Steps)} of {N(m.MaxSteps)}" : N(m.Steps)];
        if (m.StopReason.Length > 0)
            yield return ["Stopped", MarkdownText.Cell(m.StopReason)];
        yield return ["Training time", F(m.ElapsedSeconds, "0.0") + " s"];
        yield return ["Tokens per second", F(m.TokensPerSecond, "#,0")];
        yield return ["Initial loss", Loss(m.InitialLoss) + $" (starting weights, {measuredOn})"];
        yield return ["Final loss", Loss(m.FinalLoss) + $" (this model, {measuredOn})"];
        yield return ["Final training loss", Loss(m.FinalTrainLoss)];
        yield return ["Best validation loss", Loss(m.BestValidationLoss)];
        yield return ["Best step", m.BestStep is { } best ? I(best) : "n/a"];
        yield return ["Known-verse loss before → after", m.KnownVersesLossBefore is null && m.KnownVersesLossAfter is null
            ? "n/a (no previous version to compare with)"
            : $"{Loss(m.KnownVersesLossBefore)} → {Loss(m.KnownVersesLossAfter)} (per character, previous version vs this one, on {N(m.KnownVerseCount)} verses the previous version knew)"];
    }

    private static IEnumerable<string> Limits(TrainingSettings settings)
    {
        yield return "A small model trained on a small corpus: its drafts wander, repeat and lose the thread over long verses.";
        yield return "It may repeat training verses word for word, or nearly so. Check a draft against the corpus before publishing it.";
        yield return "It knows no facts and has no judgement: anything it states about people, places or events may be invented.";
        yield return settings.StartMode switch
        {
            JobStartMode.Scratch => "Its tokenizer was learned from the same verses: words, names and scripts they do not contain are split into many small pieces and are written poorly.",
            JobStartMode.Base => "A GPT-2 tokenizer was learned from English web text: other languages cost more tokens per word and are learned less well.",
            _ => "It keeps the tokenizer of the version it continues: if that was GPT-2's, it favours English; if learned from scratch, it favours the words of the verses it was learned from.",
        };
        yield return "It only sees a limited window of text (the context length) and forgets anything before it.";
    }

    private static void Section(StringBuilder card, string title) => card.Append("## ").Append(title).Append("\n\n");

    private static void Table(StringBuilder card, string[] header, IEnumerable<string[]> rows)
    {
        card.Append("| ").Append(string.Join(" | ", header)).Append(" |\n");
        card.Append('|').Append(string.Concat(header.Select(_ => "---|"))).Append('\n');
        foreach (var row in rows)
            card.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
        card.Append('\n');
    }

    private static string Result(bool? passed) => passed switch
    {
        true => "pass",
        false => "fail",
        null => "n/a",
    };

    private static string Code(string text) => "`" + MarkdownText.Cell(text).Replace("`", "'") + "`";

    private static string Loss(double? value) => value is { } loss && double.IsFinite(loss) ? F(loss, "0.000") : "n/a";

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A count, with thousands separators.</summary>
    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    // Plain decimals: a learning rate of 0.00001 reads better to a writer than 1E-05.
    private static string G(double value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string P(double value) => value.ToString("0.#%", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
