using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Training;
using Portal.Ml.Model;
using Portal.Worker.Execution;
using Portal.Worker.Tests.Support;

namespace Portal.Worker.Tests.Execution;

public class JobExecutorTests
{
    // Every step reported, so that the tests see the whole run (the default interval is tested on its own).
    private static readonly JobExecutor Executor = new(NullLogger<JobExecutor>.Instance, stepReportInterval: TimeSpan.Zero);

    private static JobOutcome Run(JobAssignment job, JobFiles files, RecordedRun recorded, CancellationToken token = default) =>
        Executor.Run(job, files, recorded.Report, recorded.CheckpointSaved, token);

    [Fact]
    public void AScratchJobSucceedsWithALoadableCandidateAndItsFigures()
    {
        using var folder = new TempFolder();
        var files = TinyJobs.Files(folder.Path);
        var metricsAtCheckpoint = new List<int>();
        var recorded = new RecordedRun
        {
            // What a remote worker would upload at this moment must already hold the evaluation just made.
            OnCheckpoint = () => metricsAtCheckpoint.Add(RunMetricsFile.Read(files.RunDirectory)!.Evaluations[^1].Step),
        };

        var outcome = Run(TinyJobs.Job(), files, recorded);

        Assert.Equal(JobState.Succeeded, outcome.State);
        Assert.True(HfCheckpoint.IsModelFolder(files.CandidateDirectory));
        var metrics = outcome.Metrics!;
        Assert.Equal(20, metrics.Steps);
        Assert.Equal(20, metrics.MaxSteps);
        Assert.Equal("Completed", metrics.StopReason);
        Assert.Equal("validation", metrics.LossMeasuredOn);
        Assert.Equal(recorded.Evaluations[0].ValidationLoss!.Value, metrics.InitialLoss!.Value, 5);
        Assert.Equal(recorded.Evaluations.Min(e => e.ValidationLoss)!.Value, metrics.FinalLoss!.Value, 5);
        Assert.True(metrics.FinalLoss < metrics.InitialLoss);
        Assert.Equal(recorded.Evaluations.MinBy(e => e.ValidationLoss)!.Step, metrics.BestStep);
        Assert.NotNull(metrics.FinalTrainLoss);
        Assert.True(metrics.TokensPerSecond > 0);
        Assert.True(metrics.ElapsedSeconds > 0);
        Assert.Equal(0, metrics.KnownVerseCount);
        Assert.Null(metrics.KnownVersesLossBefore);

        // No golden prompts: the first verses' prompts are probed, and "before" is what step 0 wrote.
        Assert.Equal(["city lights", "rain blues"], metrics.Probes.Select(p => p.Prompt));
        foreach (var probe in metrics.Probes)
            Assert.Equal(recorded.Probes.Single(p => p.Step == 0 && p.Prompt == probe.Prompt).Text, probe.Before);

        Assert.Equal(recorded.Evaluations.Select(e => e.Step), metricsAtCheckpoint);
        Assert.Equal([0, 5, 10, 15, 20], recorded.Evaluations.Select(e => e.Step));
    }

    [Fact]
    public void EventsComeInOrderWithAnEvaluationAtStepZeroFirst()
    {
        using var folder = new TempFolder();
        var recorded = new RecordedRun();

        Run(TinyJobs.Job(probePrompts: ["midnight train"]), TinyJobs.Files(folder.Path), recorded);

        var items = recorded.Items;
        Assert.StartsWith("Attempt 1: training from scratch (tiny model) on 12 verses", ((JobEventData)items[0]).Message);
        var progress = recorded.Progress;
        Assert.True(progress[0] is { Step: 0, IsEvaluation: true, ValidationLoss: not null });
        Assert.All(progress.Zip(progress.Skip(1)), pair => Assert.True(pair.First.Step <= pair.Second.Step, $"{pair.First.Step} then {pair.Second.Step}"));
        Assert.Equal(Enumerable.Range(1, 20), progress.Where(p => !p.IsEvaluation).Select(p => p.Step));
        Assert.Equal([0, 5, 10, 15, 20], recorded.Probes.Select(p => p.Step));
        Assert.All(recorded.Probes, p => Assert.Equal("midnight train", p.Prompt));

        // Each evaluation: its progress, its probe, its log line, then the checkpoint notice.
        var firstNotice = items.ToList().FindIndex(i => i is RecordedRun.CheckpointNotice);
        Assert.True(items[firstNotice - 3] is JobEventData { Kind: JobEventKind.Progress, Progress.Step: 0 });
        Assert.True(items[firstNotice - 2] is JobEventData { Kind: JobEventKind.Probe });
        Assert.True(items[firstNotice - 1] is JobEventData { Kind: JobEventKind.Log });
        Assert.Equal(5, recorded.Checkpoints);
        Assert.StartsWith("Finished 20 steps", recorded.Logs[^1]);
        Assert.All(recorded.Events, e => Assert.NotNull(e.ProducedAt));
    }

    [Fact]
    public void WithoutValidationVersesTheLossesAreTrainingLossesAndTheFirstOneSurvivesAStop()
    {
        using var folder = new TempFolder();
        var settings = TinyJobs.Settings with { ValidationFraction = 0 };
        var files = TinyJobs.Files(folder.Path);
        using var stop = new CancellationTokenSource();
        // Stopped before the first evaluation after step 0: only the first step's loss can carry the start.
        var first = new RecordedRun { OnEvent = e => { if (e.Progress is { Step: 3 }) stop.Cancel(); } };
        Run(TinyJobs.Job(settings: settings), files, first, stop.Token);
        var second = new RecordedRun();

        var outcome = Run(TinyJobs.Job(settings: settings, attempt: 2), files, second);

        var metrics = outcome.Metrics!;
        Assert.Equal(JobState.Succeeded, outcome.State);
        Assert.Equal("training", metrics.LossMeasuredOn);
        Assert.Equal(first.Progress.First(p => p.Step == 1).TrainLoss!.Value, metrics.InitialLoss!.Value, 6);
        Assert.Equal(second.Progress.Last(p => !p.IsEvaluation).TrainLoss!.Value, metrics.FinalLoss!.Value, 6);
        Assert.Equal(metrics.FinalLoss, metrics.FinalTrainLoss);
        Assert.Null(metrics.BestValidationLoss);
        Assert.Null(metrics.BestStep);
    }

    [Fact]
    public void AJobStoppedMidRunResumesToTheSameEndAndKeepsTheFirstAttemptsStartingLoss()
    {
        using var folder = new TempFolder();
        var uninterrupted = Run(TinyJobs.Job(), TinyJobs.Files(folder.Combine("a")), new RecordedRun()).Metrics!;

        var files = TinyJobs.Files(folder.Combine("b"));
        using var stop = new CancellationTokenSource();
        var first = new RecordedRun { OnEvent = e => { if (e.Progress is { Step: 7, IsEvaluation: false }) stop.Cancel(); } };
        var stopped = Run(TinyJobs.Job(), files, first, stop.Token);
        var second = new RecordedRun();
        var resumed = Run(TinyJobs.Job(attempt: 2), files, second);

        Assert.Equal(JobState.Cancelled, stopped.State);
        Assert.Equal(7, stopped.Metrics!.Steps);
        Assert.True(first.Checkpoints > 0 && first.Items[^1] is RecordedRun.CheckpointNotice, "the checkpoint kept on cancel is announced");
        Assert.Equal(JobState.Succeeded, resumed.State);
        Assert.Contains(second.Logs, l => l.StartsWith("Resuming from the checkpoint at step 7", StringComparison.Ordinal));
        Assert.Equal(8, second.Progress.First(p => !p.IsEvaluation).Step);
        Assert.DoesNotContain(second.Evaluations, e => e.Step == 0);

        var metrics = resumed.Metrics!;
        Assert.Equal(uninterrupted.Steps, metrics.Steps);
        Assert.Equal(first.Evaluations.Single(e => e.Step == 0).ValidationLoss!.Value, metrics.InitialLoss!.Value, 6);
        Assert.Equal(uninterrupted.InitialLoss!.Value, metrics.InitialLoss!.Value, 5);
        Assert.Equal(uninterrupted.FinalLoss!.Value, metrics.FinalLoss!.Value, 5);
        Assert.Equal(uninterrupted.BestStep, metrics.BestStep);
        Assert.Equal(uninterrupted.Probes.Select(p => p.Before), metrics.Probes.Select(p => p.Before));
    }

    [Fact]
    public void AJobWhoseTrainingHadFinishedIsDeliveredWithoutTrainingAgain()
    {
        using var folder = new TempFolder();
        var files = TinyJobs.Files(folder.Path);
        var finished = Run(TinyJobs.Job(), files, new RecordedRun()).Metrics!;
        // The worker died while handing the candidate over: only the run directory is left.
        Directory.Delete(files.CandidateDirectory, recursive: true);

        var again = new RecordedRun();
        var outcome = Run(TinyJobs.Job(attempt: 2), files, again);

        Assert.Equal(JobState.Succeeded, outcome.State);
        Assert.Empty(again.Progress);
        Assert.True(HfCheckpoint.IsModelFolder(files.CandidateDirectory));
        Assert.Equal(finished.Steps, outcome.Metrics!.Steps);
        Assert.Equal(finished.InitialLoss, outcome.Metrics.InitialLoss);
        Assert.Equal(finished.FinalLoss!.Value, outcome.Metrics.FinalLoss!.Value, 6);
        Assert.Equal(finished.BestStep, outcome.Metrics.BestStep);
    }

    [Fact]
    public void AContinueJobMeasuresTheKnownVersesBeforeAndAfter()
    {
        using var folder = new TempFolder();
        var previous = folder.Combine("previous-model");
        TinyJobs.WriteUntrainedModel(previous);
        var settings = TinyJobs.Settings with { StartMode = JobStartMode.Continue };
        var known = TinyJobs.Verses.Take(4).ToList();

        var recorded = new RecordedRun();
        var outcome = Run(TinyJobs.Job(settings: settings, knownVerses: known, previousJobId: 3),
            TinyJobs.Files(folder.Path, start: previous, previous: previous), recorded);

        Assert.Equal(JobState.Succeeded, outcome.State);
        var metrics = outcome.Metrics!;
        Assert.Equal(4, metrics.KnownVerseCount);
        Assert.NotNull(metrics.KnownVersesLossBefore);
        Assert.NotNull(metrics.KnownVersesLossAfter);
        // It trained on those very verses, from untrained weights.
        Assert.True(metrics.KnownVersesLossAfter < metrics.KnownVersesLossBefore, $"{metrics.KnownVersesLossBefore} -> {metrics.KnownVersesLossAfter}");
        Assert.Contains(recorded.Logs, l => l.StartsWith("Attempt 1: training continuing job 3's model", StringComparison.Ordinal));
        Assert.Contains(recorded.Logs, l => l.StartsWith("Known verses (4):", StringComparison.Ordinal));
    }

    [Fact]
    public void AMissingBaseModelFailsWithAReasonAWriterUnderstands()
    {
        using var folder = new TempFolder();
        var settings = TinyJobs.Settings with { StartMode = JobStartMode.Base, BaseModel = "gpt2-medium" };
        var recorded = new RecordedRun();

        var outcome = Run(TinyJobs.Job(settings: settings), TinyJobs.Files(folder.Path, start: folder.Combine("base-models", "gpt2-medium")), recorded);

        Assert.Equal(JobState.Failed, outcome.State);
        Assert.Equal("The base model folder base-models/gpt2-medium is missing.", outcome.FailureReason);
        Assert.Equal("Failed: The base model folder base-models/gpt2-medium is missing.", Assert.Single(recorded.Logs));
    }

    [Fact]
    public void AnIncompleteModelToContinueFromFailsRatherThanTrainingFromScratch()
    {
        using var folder = new TempFolder();
        var previous = folder.Combine("previous-model");
        TinyJobs.WriteUntrainedModel(previous);
        File.Delete(Path.Combine(previous, HfCheckpoint.WeightsFileName));
        var settings = TinyJobs.Settings with { StartMode = JobStartMode.Continue };

        var outcome = Run(TinyJobs.Job(settings: settings, previousJobId: 4), TinyJobs.Files(folder.Path, start: previous), new RecordedRun());

        Assert.Equal(JobState.Failed, outcome.State);
        Assert.Equal("The model to continue from (job 4's) is incomplete: model.safetensors is missing.", outcome.FailureReason);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "run")));
    }

    [Fact]
    public void ADamagedCheckpointFailsWithOneLineAndNoStackTrace()
    {
        using var folder = new TempFolder();
        var files = TinyJobs.Files(folder.Path);
        Directory.CreateDirectory(files.RunDirectory);
        File.WriteAllText(Path.Combine(files.RunDirectory, "checkpoint.ckpt"), "not a checkpoint");

        var outcome = Run(TinyJobs.Job(), files, new RecordedRun());

        Assert.Equal(JobState.Failed, outcome.State);
        Assert.StartsWith("No checkpoint of the earlier attempts is whole, so the job cannot resume; retrain to start over.", outcome.FailureReason);
        Assert.Contains("checkpoint.ckpt\" is damaged: it is truncated", outcome.FailureReason);
        Assert.DoesNotContain('\n', outcome.FailureReason!);
    }
}
