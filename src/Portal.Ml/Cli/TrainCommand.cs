using Portal.Ml.Training;

namespace Portal.Ml.Cli;

/// <summary><c>train</c>: verses file in, Hugging Face model folder out.</summary>
public static class TrainCommand
{
    public const string Usage = """
        train --data <verses.json> --out <model folder> [options]
            --mode scratch|base|continue   where the weights start (default scratch; continue falls back to
                                           scratch when --base is not a complete model folder)
            --base <folder>                base or previous model for --mode base|continue
            --preset tiny|small            model size when training from scratch (default small)
            --run <folder>                 checkpoints (default <out>.run)
            --resume <checkpoint>          continue a stopped run exactly where it stopped
            --epochs N  --max-steps N  --batch N  --accumulate N  --lr X  --warmup N  --seed N
            --eval-interval N  --patience N  --validation X  --context N
            --probe "<prompt>"             sample this prompt at each evaluation (repeatable)
            --no-prompt-mask               learn the prompt tokens too
        """;

    private static readonly string[] Values =
        ["data", "out", "mode", "base", "preset", "run", "resume", "epochs", "max-steps", "batch", "accumulate", "lr",
         "warmup", "seed", "eval-interval", "patience", "validation", "context", "probe"];

    public static int Run(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var cli = CliArguments.Parse(args, Values, ["no-prompt-mask"]);
        var data = cli.Required("data");
        var modelFolder = cli.Required("out");
        var mode = cli.Choice("mode", StartMode.Scratch);
        var preset = cli.Optional("preset") ?? "small";
        if (preset is not ("tiny" or "small"))
            throw new UsageException($"--preset must be tiny or small; got \"{preset}\".");
        if (mode == StartMode.Base && cli.Optional("base") is null)
            throw new UsageException("--mode base needs --base <folder>.");

        var request = new TrainingRequest(
            [], modelFolder, cli.Optional("run") ?? modelFolder.TrimEnd('/', '\\') + ".run",
            mode, cli.Optional("base"), preset, null, cli.Optional("resume"));
        var resolved = TrainingSession.ResolveMode(request);
        // Every option is checked before the verse file is read, so a typo fails fast.
        var options = Options(cli, TrainingOptions.For(resolved));
        if (resolved != mode)
            output.WriteLine($"{request.BaseFolder} is not a complete model folder: training from scratch instead.");
        request = request with { Verses = CorpusFile.Read(data, output), Options = options };

        output.WriteLine($"Training on {request.Verses.Count} verses ({resolved}); checkpoints in {request.RunDirectory}. Ctrl+C stops after the current step.");
        var outcome = TrainingSession.Run(request, new ProgressPrinter(output), cancellationToken);
        var result = outcome.Result;
        output.WriteLine(result.Reason switch
        {
            StopReason.Cancelled => $"Stopped at step {result.Steps}. Resume with: --resume {result.CheckpointPath}",
            StopReason.EarlyStopped => $"Validation loss stopped improving at step {result.Steps}; saved the best model (val {result.BestValidationLoss:F4}) to {outcome.ModelFolder}.",
            _ => $"Done: {result.Steps} steps in {result.Elapsed:hh\\:mm\\:ss}; model saved to {outcome.ModelFolder}.",
        });
        return result.Reason == StopReason.Cancelled ? 130 : 0;
    }

    private static TrainingOptions Options(CliArguments cli, TrainingOptions defaults) => defaults with
    {
        Epochs = cli.Int("epochs", 1) ?? defaults.Epochs,
        MaxSteps = cli.Int("max-steps", 1) ?? defaults.MaxSteps,
        BatchSize = cli.Int("batch", 1) ?? defaults.BatchSize,
        GradientAccumulationSteps = cli.Int("accumulate", 1) ?? defaults.GradientAccumulationSteps,
        LearningRate = cli.Double("lr", double.Epsilon) ?? defaults.LearningRate,
        // A rate given on the command line brings its own floor (a tenth of it), as the defaults do.
        MinLearningRate = cli.Optional("lr") is null ? defaults.MinLearningRate : null,
        WarmupSteps = cli.Int("warmup", 0) ?? defaults.WarmupSteps,
        Seed = cli.Int("seed") ?? defaults.Seed,
        EvalInterval = cli.Int("eval-interval", 1) ?? defaults.EvalInterval,
        EarlyStopPatience = cli.Int("patience", 0) ?? defaults.EarlyStopPatience,
        ValidationFraction = cli.Double("validation", 0) is { } share && share < 1 ? share
            : cli.Optional("validation") is null ? defaults.ValidationFraction
            : throw new UsageException("--validation must be below 1."),
        ContextLength = cli.Int("context", 2) ?? defaults.ContextLength,
        ProbePrompts = cli.All("probe") is { Count: > 0 } probes ? probes : defaults.ProbePrompts,
        MaskPrompt = !cli.Flag("no-prompt-mask"),
    };
}
