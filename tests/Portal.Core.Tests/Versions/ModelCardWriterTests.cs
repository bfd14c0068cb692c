using Portal.Core.Training;
using Portal.Core.Versions;

namespace Portal.Core.Tests.Versions;

public sealed class ModelCardWriterTests
{
    private static readonly VersionManifest Manifest = new()
    {
        Version = 4,
        Created = new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero),
        PromotedBy = "Ada",
        JobId = 42,
        Note = "Better ballads.",
        DatasetHash = "d4t4h45h",
        VerseCount = 1234,
        Settings = TrainingSettings.ForPreset(RetrainPreset.Scratch, "small") with { MaxSteps = 900, ContextLength = 256, Seed = 7 },
        Metrics = new JobMetrics
        {
            Steps = 850,
            MaxSteps = 900,
            StopReason = "EarlyStopped",
            TokensPerSecond = 6543.2,
            InitialLoss = 4.5,
            FinalLoss = 2.25,
            LossMeasuredOn = "validation",
            BestStep = 800,
            KnownVersesLossBefore = 1.111,
            KnownVersesLossAfter = 1.122,
            KnownVerseCount = 30,
        },
        Checklist =
        [
            new("loss-dropped", "Loss dropped by at least 0.3", true, "4.500 → 2.250"),
            new("no-forgetting", "No forgetting", false, "1.111 → 1.122"),
            new("probes-sound", "Probes sound", null, "no probe prompts"),
        ],
        Files = [new("model/config.json", "ab12cd", 512), new("model/model.safetensors", "ef34ab", 13_000_000)],
    };

    private static string Row(string card, string label) =>
        card.Split('\n').Single(line => line.StartsWith("| " + label + " |", StringComparison.Ordinal));

    [Fact]
    public void TheCardSaysWhatTheModelIsAndHowItWasTrained()
    {
        var card = ModelCardWriter.Write(Manifest);

        Assert.StartsWith("# Model card: v4\n", card);
        Assert.Contains("\"small\" size", Row(card, "Architecture"));
        Assert.Contains("from scratch", Row(card, "Start"));
        Assert.Contains("1,234", Row(card, "Verses"));
        Assert.Contains("d4t4h45h", Row(card, "Dataset hash"));
        Assert.Contains("30", Row(card, "Epochs"));
        Assert.Contains("900", Row(card, "Max steps"));
        Assert.Contains("0.001", Row(card, "Learning rate"));
        Assert.Contains("8", Row(card, "Batch size"));
        Assert.Contains("256", Row(card, "Context length"));
        Assert.Contains("7", Row(card, "Seed"));
    }

    [Fact]
    public void TheCardHoldsTheMetricsAndWhatTheLossWasMeasuredOn()
    {
        var card = ModelCardWriter.Write(Manifest);

        Assert.Contains("4.500", Row(card, "Initial loss"));
        Assert.Contains("validation verses", Row(card, "Initial loss"));
        Assert.Contains("2.250", Row(card, "Final loss"));
        Assert.Contains("800", Row(card, "Best step"));
        Assert.Contains("850 of 900", Row(card, "Steps"));
        Assert.Contains("6,543", Row(card, "Tokens per second"));
        Assert.Contains("1.111 → 1.122", card);
        Assert.Contains("on 30 verses", card);
    }

    [Fact]
    public void EveryChecklistItemShowsItsResultAndFigure()
    {
        var card = ModelCardWriter.Write(Manifest);

        Assert.Contains("| Loss dropped by at least 0.3 | pass | 4.500 → 2.250 |", card);
        Assert.Contains("| No forgetting | fail | 1.111 → 1.122 |", card);
        Assert.Contains("| Probes sound | n/a | no probe prompts |", card);
    }

    [Fact]
    public void TheCardStatesItsIntendedUseAndLimits()
    {
        var card = ModelCardWriter.Write(Manifest);

        Assert.Contains("## Intended use", card);
        Assert.Contains("own voice", card);
        Assert.Contains("## Limits", card);
        Assert.Contains("word for word", card);
        Assert.Contains("no facts", card);
    }

    [Fact]
    public void AModelFineTunedFromGpt2WarnsThatItsTokenizerFavoursEnglish()
    {
        var card = ModelCardWriter.Write(Manifest with { Settings = TrainingSettings.ForPreset(RetrainPreset.Full) with { BaseModel = "gpt2" } });

        Assert.Contains("base model \"gpt2\"", Row(card, "Start"));
        Assert.Contains("English", card);
    }

    [Fact]
    public void EveryFileIsListedWithItsSha256()
    {
        var card = ModelCardWriter.Write(Manifest);

        Assert.Contains("`ab12cd`", Row(card, "`model/config.json`"));
        Assert.Contains("13,000,000", Row(card, "`model/model.safetensors`"));
        Assert.Contains("`ef34ab`", Row(card, "`model/model.safetensors`"));
    }

    [Fact]
    public void PipesInUserTextAreEscapedSoTheyCannotSplitATableCell()
    {
        var manifest = Manifest with
        {
            PromotedBy = "Ada | Admin",
            Checklist = [new("x", "Title | with pipe", true, "a \\| b")],
        };

        var card = ModelCardWriter.Write(manifest);

        Assert.Contains("| Promoted by | Ada \\| Admin |", card);
        Assert.Contains("| Title \\| with pipe | pass | a \\\\\\| b |", card);
    }

    [Fact]
    public void AHostileNoteStaysQuotedInTheCard()
    {
        var card = ModelCardWriter.Write(Manifest with { Note = "ok\n## Intended use\nanything goes" });

        Assert.Single(card.Split('\n'), line => line == "## Intended use");
        Assert.Contains("> \\## Intended use", card);
    }

    [Fact]
    public void TheFirstVersionHasNoKnownVerseLossToCompare()
    {
        var card = ModelCardWriter.Write(Manifest with { Metrics = Manifest.Metrics! with { KnownVersesLossBefore = null, KnownVersesLossAfter = null } });

        Assert.Contains("no previous version", Row(card, "Known-verse loss before → after"));
    }

    [Fact]
    public void AVersionWithoutMetricsSaysSoInsteadOfMakingFiguresUp()
    {
        var card = ModelCardWriter.Write(Manifest with { Metrics = null, Checklist = [] });

        Assert.Contains("No training figures were recorded", card);
        Assert.Contains("No checklist was computed", card);
    }

    [Fact]
    public void ARollbackCardNamesTheVersionItRepeats()
    {
        var card = ModelCardWriter.Write(Manifest with { Version = 6, RollbackOf = 4 });

        Assert.Contains("v4", Row(card, "Rollback of"));
    }
}
