using Portal.Ml.Model;
using Portal.Ml.Runtime;
using Portal.Ml.Tokenization;
using TorchSharp;

namespace Portal.Ml.Training;

/// <summary>
/// A run whose checkpoint says training is over (the step budget reached, or early-stopped) but whose model folder
/// was never delivered: the worker died while saving or handing it over. Resuming it through the trainer would train
/// one more step than the run that finished; exporting the best checkpoint gives exactly the model it had made.
/// </summary>
public static class FinishedRun
{
    /// <summary>True when <paramref name="state"/> is the final checkpoint of a run trained with <paramref name="options"/>.</summary>
    public static bool IsFinished(CheckpointState state, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        if (state.LastEvaluatedStep != state.Step)
            return false;
        return state.Step >= state.MaxSteps
            || (options.EarlyStopPatience > 0 && state.EvaluationsWithoutImprovement >= options.EarlyStopPatience);
    }

    /// <summary>
    /// When <see cref="TrainingRequest.ResumeFrom"/> is the final checkpoint of its run, writes the run's best weights
    /// to <see cref="TrainingRequest.ModelFolder"/> and returns the outcome the run had; otherwise null (train on).
    /// </summary>
    public static TrainingOutcome? TryExport(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ResumeFrom is not { } checkpoint || !File.Exists(checkpoint))
            return null;
        var mode = TrainingSession.ResolveMode(request);
        var options = request.Options ?? TrainingOptions.For(mode);
        var state = TrainingCheckpoint.ReadState(checkpoint);
        if (!IsFinished(state, options))
            return null;

        // The same tokenizer the run trained with: its own for a scratch model, the start folder's otherwise.
        var tokenizer = Gpt2Tokenizer.LoadFolder(mode == StartMode.Scratch ? request.RunDirectory : request.BaseFolder!);
        var best = Path.Combine(request.RunDirectory, "best.ckpt");
        using var model = new Gpt(GptConfig.FromHuggingFaceJson(state.ConfigJson));
        model.to(TorchDevices.Preferred());
        TrainingCheckpoint.LoadWeights(File.Exists(best) ? best : checkpoint, model);
        HfCheckpoint.Save(model, request.ModelFolder, tokenizer);

        var reason = state.Step >= state.MaxSteps ? StopReason.Completed : StopReason.EarlyStopped;
        var result = new TrainingResult(reason, state.Step, state.Epoch, null, null, state.BestValidationLoss,
            checkpoint, File.Exists(best) ? best : null, TimeSpan.FromSeconds(state.ElapsedSeconds));
        return new TrainingOutcome(result, mode, request.ModelFolder);
    }
}
