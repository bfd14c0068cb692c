using Portal.Ml.Training;

namespace Portal.Ml.Tests.Training;

public class TrainerTests
{
    private static (TrainingResult Result, ListProgress Progress) Train(
        TrainingOptions options, string directory, string? resumeFrom = null, Action<TrainingProgress>? onReport = null, CancellationToken token = default)
    {
        using var model = TinySetup.Model();
        var progress = new ListProgress(onReport);
        var trainer = new Trainer(model, TinySetup.Config, TinySetup.Data(), options, directory);
        return (trainer.Run(progress, token, resumeFrom), progress);
    }

    [Fact]
    public void TrainingTheTinyModelOnTwentyVersesReducesTheLoss()
    {
        var (result, progress) = Train(TinySetup.Options with { MaxSteps = 40 }, TinySetup.TempDirectory());

        var losses = progress.StepLosses.ToList();
        Assert.Equal(StopReason.Completed, result.Reason);
        Assert.Equal(40, losses.Count);
        Assert.True(losses.TakeLast(5).Average() < losses.Take(5).Average() - 1.0, $"first {losses[0]}, last {losses[^1]}");
        var evaluations = progress.Reports.Where(r => r.Event == TrainingEvent.Evaluation).ToList();
        Assert.Equal([0, 10, 20, 30, 40], evaluations.Select(r => r.Step));
        Assert.True(evaluations[^1].ValidationLoss < evaluations[0].ValidationLoss);
        Assert.True(File.Exists(result.CheckpointPath));
        Assert.True(File.Exists(result.BestCheckpointPath));
    }

    [Fact]
    public void TheSameSeedGivesTheSameLosses()
    {
        var options = TinySetup.Options with { MaxSteps = 8, EvalInterval = 100 };

        var first = Train(options, TinySetup.TempDirectory()).Progress.StepLosses;
        var second = Train(options, TinySetup.TempDirectory()).Progress.StepLosses;

        Assert.Equal(first, second);
    }

    [Fact]
    public void ProgressReportsRateTimeAndEta()
    {
        var (_, progress) = Train(TinySetup.Options with { MaxSteps = 6, EvalInterval = 3 }, TinySetup.TempDirectory());

        var step = progress.Reports.First(r => r.Event == TrainingEvent.Step && r.Step == 3);
        Assert.True(step.TokensPerSecond > 0);
        Assert.True(step.Elapsed > TimeSpan.Zero);
        Assert.NotNull(step.Eta);
        Assert.True(step.LearningRate > 0);
        Assert.InRange(step.Epoch, 0.1, 3);
        Assert.Equal(6, step.MaxSteps);
    }

    [Fact]
    public void ResumingFromACheckpointGivesExactlyTheLossesOfAnUninterruptedRun()
    {
        var options = TinySetup.Options with { MaxSteps = 20, EvalInterval = 5 };
        var uninterrupted = Train(options, TinySetup.TempDirectory()).Progress.StepLosses.ToList();

        var directory = TinySetup.TempDirectory();
        using var cancel = new CancellationTokenSource();
        var (stopped, firstHalf) = Train(options, directory, onReport: report =>
        {
            if (report.Event == TrainingEvent.Step && report.Step == 10) cancel.Cancel();
        }, token: cancel.Token);
        var (resumed, secondHalf) = Train(options, directory, resumeFrom: stopped.CheckpointPath);

        Assert.Equal(StopReason.Cancelled, stopped.Reason);
        Assert.Equal(10, stopped.Steps);
        Assert.Equal(StopReason.Completed, resumed.Reason);
        Assert.Equal(uninterrupted, firstHalf.StepLosses.Concat(secondHalf.StepLosses));
        Assert.Equal(11, secondHalf.Reports.First(r => r.Event == TrainingEvent.Step).Step);
    }

    [Fact]
    public void CancellationStopsBetweenStepsAndKeepsALoadableCheckpoint()
    {
        var directory = TinySetup.TempDirectory();
        using var cancel = new CancellationTokenSource();

        var (result, progress) = Train(TinySetup.Options with { MaxSteps = 1000, EvalInterval = 4 }, directory, onReport: report =>
        {
            if (report.Step == 6) cancel.Cancel();
        }, token: cancel.Token);

        Assert.Equal(StopReason.Cancelled, result.Reason);
        Assert.Equal(6, result.Steps);
        Assert.Equal(6, progress.Reports.Max(r => r.Step));
        var state = TrainingCheckpoint.ReadState(result.CheckpointPath);
        Assert.Equal(6, state.Step);
        Assert.Equal(4, state.LastEvaluatedStep);
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
    }

    [Fact]
    public void EarlyStoppingEndsTheRunWhenValidationLossStopsImproving()
    {
        // A rate this high wrecks the model after a few steps, so validation loss stops improving at once.
        var options = TinySetup.Options with { LearningRate = 2.0, WarmupSteps = 0, MaxSteps = 500, EvalInterval = 2, EarlyStopPatience = 3 };

        var (result, progress) = Train(options, TinySetup.TempDirectory());

        Assert.Equal(StopReason.EarlyStopped, result.Reason);
        Assert.True(result.Steps < 100, $"stopped at {result.Steps}");
        var best = TrainingCheckpoint.ReadState(result.BestCheckpointPath!);
        Assert.Equal(result.BestValidationLoss, best.BestValidationLoss);
        Assert.True(best.Step < result.Steps);
        Assert.Equal(best.Step + options.EarlyStopPatience * options.EvalInterval, result.Steps);
        Assert.Equal(TrainingEvent.Evaluation, progress.Reports[^1].Event);
    }
}
