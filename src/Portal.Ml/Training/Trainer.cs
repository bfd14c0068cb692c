using Portal.Ml.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Portal.Ml.Training;

/// <summary>
/// Trains a language model (token ids (B, T) -> logits (B, T, V)) the way nanoGPT's train.py does, in the same order:
/// set lr, evaluate + checkpoint, micro-steps, clip, step, zero grad, log, stop check. Runs on the calling thread,
/// which must own the model for the whole run (TorchSharp dispose scopes are per thread).
/// </summary>
/// <param name="probe">Writes lyrics for a prompt with the model as it is; called for each probe prompt at every
/// evaluation. It must not draw from libtorch's global RNG, or it would change the training run it observes.</param>
public sealed class Trainer(
    nn.Module<Tensor, Tensor> model,
    GptConfig config,
    TrainingData data,
    TrainingOptions options,
    string runDirectory,
    Func<string, string>? probe = null)
{
    public string CheckpointPath => Path.Combine(runDirectory, "checkpoint.ckpt");
    public string BestCheckpointPath => Path.Combine(runDirectory, "best.ckpt");

    /// <param name="resumeFrom">A checkpoint of this run to continue from; the result is the same as if the run had
    /// never stopped.</param>
    public TrainingResult Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default, string? resumeFrom = null)
    {
        options.Validate();
        Directory.CreateDirectory(runDirectory);
        var device = model.parameters().First().device;
        var parameters = model.parameters().ToList();
        using var optimizer = AdamWFactory.Create(model, options);
        var stream = new BatchStream(data.Train, options.BatchSize, options.Seed);
        var evaluator = new Evaluator(model, data, options, device);
        var state = resumeFrom is null ? Start(stream) : Resume(resumeFrom, optimizer, stream);
        var clock = new RunClock(state.ElapsedSeconds, state.Step, state.MaxSteps);
        float? trainLoss = null, validationLoss = null;
        StopReason reason;

        model.train();
        while (true)
        {
            using var scope = torch.NewDisposeScope();

            // 1. Set the learning rate for this step.
            var lr = state.Schedule.At(state.Step);
            foreach (var group in optimizer.ParamGroups)
                group.LearningRate = lr;

            // 2. Evaluate and checkpoint (skipped when a resumed checkpoint already did this step's evaluation).
            if (state.Step % options.EvalInterval == 0 && state.Step != state.LastEvaluatedStep)
            {
                (state, validationLoss) = EvaluateAndCheckpoint(state, evaluator, optimizer, clock, trainLoss, lr, progress);
                if (options.EarlyStopPatience > 0 && state.EvaluationsWithoutImprovement >= options.EarlyStopPatience)
                {
                    reason = StopReason.EarlyStopped;
                    break;
                }
            }

            // 3. Micro-steps: gradients of several batches add up before one optimizer step.
            clock.StartTraining();
            var stepLoss = torch.zeros(1, device: device);
            var tokens = 0;
            for (var micro = 0; micro < options.GradientAccumulationSteps; micro++)
            {
                var batch = TrainingBatch.Build(stream.Next(), options.MaskPrompt, data.PadId, device);
                var logits = model.forward(batch.Inputs);                                   // (B, T, V)
                var loss = MaskedLoss.Compute(logits, batch.Targets, batch.Mask) / options.GradientAccumulationSteps;
                loss.backward();
                stepLoss += loss.detach();
                tokens += batch.TokenCount;
            }

            // 4. Clip, 5. step, 6. zero grad.
            GradientClipping.ClipByGlobalNorm(parameters, options.GradientClip);
            optimizer.step();
            optimizer.zero_grad();
            clock.StopTraining(tokens);
            state = state with { Step = state.Step + 1, Data = stream.Position, Epoch = stream.Epoch };

            // 7. Log: the only place a training step waits for its loss value.
            if (state.Step % options.LogInterval == 0 || state.Step >= state.MaxSteps)
            {
                trainLoss = stepLoss.item<float>();
                progress?.Report(Report(TrainingEvent.Step, state, clock, trainLoss, null, lr));
            }

            // 8. Stop check.
            if (state.Step >= state.MaxSteps)
            {
                reason = StopReason.Completed;
                break;
            }
            if (cancellationToken.IsCancellationRequested)
            {
                reason = StopReason.Cancelled;
                break;
            }
        }

        // A finished run ends evaluated, so the best checkpoint accounts for the final weights; a cancelled one
        // only saves where it stands, to stop promptly.
        if (reason == StopReason.Completed && state.Step != state.LastEvaluatedStep)
        {
            using var scope = torch.NewDisposeScope();
            (state, validationLoss) = EvaluateAndCheckpoint(state, evaluator, optimizer, clock, trainLoss, state.Schedule.At(state.Step), progress);
        }
        else if (reason != StopReason.EarlyStopped)
        {
            Save(CheckpointPath, state with { ElapsedSeconds = clock.Elapsed.TotalSeconds }, optimizer);
        }

        return new TrainingResult(reason, state.Step, state.Epoch, trainLoss, validationLoss, state.BestValidationLoss,
            CheckpointPath, File.Exists(BestCheckpointPath) ? BestCheckpointPath : null, clock.Elapsed);
    }

    private CheckpointState Start(BatchStream stream)
    {
        // Dropout draws from libtorch's global generator: seeding it makes the whole run repeatable.
        torch.manual_seed(options.Seed);
        var stepsPerEpoch = (stream.BatchesPerEpoch + options.GradientAccumulationSteps - 1) / options.GradientAccumulationSteps;
        var maxSteps = options.MaxSteps ?? options.Epochs * stepsPerEpoch;
        // A short fine-tune (tens of steps) would otherwise spend most of its steps warming up.
        var warmup = Math.Min(options.WarmupSteps, maxSteps / 5);
        return new CheckpointState
        {
            MaxSteps = maxSteps,
            Schedule = new LearningRateSchedule(options.LearningRate, options.MinLearningRateOrDefault, warmup, maxSteps),
            Seed = options.Seed,
            ConfigJson = config.ToHuggingFaceJson(0, 0),
        };
    }

    private CheckpointState Resume(string path, OptimizerHelper optimizer, BatchStream stream)
    {
        var state = TrainingCheckpoint.Load(path, model, optimizer);
        if (GptConfig.FromHuggingFaceJson(state.ConfigJson) != config)
            throw new InvalidOperationException($"The checkpoint \"{path}\" was made for another model shape.");
        if (state.Seed != options.Seed)
            throw new InvalidOperationException($"The checkpoint \"{path}\" was trained with seed {state.Seed}, not {options.Seed}; resuming would not reproduce the run.");
        stream.Seek(state.Data);
        return state;
    }

    private (CheckpointState State, float? Loss) EvaluateAndCheckpoint(
        CheckpointState state, Evaluator evaluator, OptimizerHelper optimizer, RunClock clock, float? trainLoss, double lr,
        IProgress<TrainingProgress>? progress)
    {
        var loss = evaluator.Loss();
        var improved = loss is { } value && (state.BestValidationLoss is not { } best || value < best);
        state = state with
        {
            LastEvaluatedStep = state.Step,
            BestValidationLoss = improved ? loss : state.BestValidationLoss,
            EvaluationsWithoutImprovement = improved || loss is null ? 0 : state.EvaluationsWithoutImprovement + 1,
            ElapsedSeconds = clock.Elapsed.TotalSeconds,
        };

        Save(CheckpointPath, state, optimizer);
        if (improved)
            AtomicCopy(CheckpointPath, BestCheckpointPath);

        progress?.Report(Report(TrainingEvent.Evaluation, state, clock, trainLoss, loss, lr) with { Probes = Probes() });
        return (state, loss);
    }

    private IReadOnlyList<ProbeSample> Probes()
    {
        if (probe is null || options.ProbePrompts.Count == 0)
            return [];
        model.eval();
        try
        {
            return options.ProbePrompts.Select(prompt => new ProbeSample(prompt, probe(prompt))).ToList();
        }
        finally
        {
            model.train();
        }
    }

    private void Save(string path, CheckpointState state, OptimizerHelper optimizer) =>
        TrainingCheckpoint.Save(path, state, model, optimizer);

    private static void AtomicCopy(string from, string to) =>
        Formats.AtomicFile.Write(to, target =>
        {
            using var source = File.OpenRead(from);
            source.CopyTo(target);
        });

    private static TrainingProgress Report(TrainingEvent kind, CheckpointState state, RunClock clock, float? trainLoss, float? validationLoss, double lr) =>
        new(kind, state.Step, state.MaxSteps, state.Epoch, trainLoss, validationLoss, lr, clock.TokensPerSecond, clock.Elapsed, clock.Eta(state.Step))
        {
            BestValidationLoss = state.BestValidationLoss,
        };
}
