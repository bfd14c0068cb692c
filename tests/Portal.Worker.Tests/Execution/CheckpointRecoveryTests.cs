using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Training;
using Portal.Ml.Formats;
using Portal.Ml.Model;
using Portal.Ml.Training;
using Portal.Worker.Execution;
using Portal.Worker.Tests.Support;

namespace Portal.Worker.Tests.Execution;

/// <summary>What an attempt does with what a damaged disk or a killed attempt left: refuse it by name, fall back, clean up.</summary>
public class CheckpointRecoveryTests
{
    private static readonly JobExecutor Executor = new(NullLogger<JobExecutor>.Instance, stepReportInterval: TimeSpan.Zero);

    private static JobOutcome Run(JobAssignment job, JobFiles files, RecordedRun recorded, CancellationToken token = default) =>
        Executor.Run(job, files, recorded.Report, recorded.CheckpointSaved, token);

    private static void FlipByteInTheMiddle(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void ADamagedNewestCheckpointIsRefusedAndTheJobResumesFromThePreviousOne()
    {
        using var folder = new TempFolder();
        var files = TinyJobs.Files(folder.Path);
        using var stop = new CancellationTokenSource();
        // Evaluations every 5 steps: stopped at 12, the newest checkpoint is step 12's and the one before it step 10's.
        Run(TinyJobs.Job(), files, new RecordedRun { OnEvent = e => { if (e.Progress is { Step: 12, IsEvaluation: false }) stop.Cancel(); } }, stop.Token);
        var newest = Path.Combine(files.RunDirectory, "checkpoint.ckpt");
        Assert.Equal(12, TrainingCheckpoint.ReadState(newest).Step);
        FlipByteInTheMiddle(newest);

        var second = new RecordedRun();
        var outcome = Run(TinyJobs.Job(attempt: 2), files, second);

        Assert.Equal(JobState.Succeeded, outcome.State);
        Assert.Equal(20, outcome.Metrics!.Steps);
        var refusal = Assert.Single(second.Logs, l => l.StartsWith("Refused a checkpoint:", StringComparison.Ordinal));
        Assert.Contains($"The checkpoint \"{newest}\" is damaged: its SHA-256 is", refusal);
        Assert.Contains("Resuming from the previous checkpoint (checkpoint.previous.ckpt) at step 10 of 20.", second.Logs);
        Assert.Equal(11, second.Progress.First(p => !p.IsEvaluation).Step);
        Assert.True(File.Exists(newest + ".damaged"), "the refused checkpoint is kept aside for a person to look at");
        Assert.True(HfCheckpoint.IsModelFolder(files.CandidateDirectory));
    }

    [Fact]
    public void ATruncatedNewestCheckpointIsRefusedAsTruncated()
    {
        using var folder = new TempFolder();
        var files = TinyJobs.Files(folder.Path);
        using var stop = new CancellationTokenSource();
        Run(TinyJobs.Job(), files, new RecordedRun { OnEvent = e => { if (e.Progress is { Step: 7, IsEvaluation: false }) stop.Cancel(); } }, stop.Token);
        var newest = Path.Combine(files.RunDirectory, "checkpoint.ckpt");
        var bytes = File.ReadAllBytes(newest);
        File.WriteAllBytes(newest, bytes[..(bytes.Length / 3)]);

        var second = new RecordedRun();
        var outcome = Run(TinyJobs.Job(attempt: 2), files, second);

        Assert.Equal(JobState.Succeeded, outcome.State);
        Assert.Contains(second.Logs, l => l.Contains($"The checkpoint \"{newest}\" is damaged: it is truncated", StringComparison.Ordinal));
        Assert.Contains("Resuming from the previous checkpoint (checkpoint.previous.ckpt) at step 5 of 20.", second.Logs);
    }

    [Fact]
    public void WhenNoCheckpointIsWholeTheJobFailsNamingEachOne()
    {
        using var folder = new TempFolder();
        var files = TinyJobs.Files(folder.Path);
        using var stop = new CancellationTokenSource();
        Run(TinyJobs.Job(), files, new RecordedRun { OnEvent = e => { if (e.Progress is { Step: 7, IsEvaluation: false }) stop.Cancel(); } }, stop.Token);
        var newest = Path.Combine(files.RunDirectory, "checkpoint.ckpt");
        var previous = Path.Combine(files.RunDirectory, "checkpoint.previous.ckpt");
        FlipByteInTheMiddle(newest);
        FlipByteInTheMiddle(previous);

        var outcome = Run(TinyJobs.Job(attempt: 2), files, new RecordedRun());

        Assert.Equal(JobState.Failed, outcome.State);
        Assert.StartsWith("No checkpoint of the earlier attempts is whole, so the job cannot resume; retrain to start over.", outcome.FailureReason);
        Assert.Contains($"\"{newest}\" is damaged", outcome.FailureReason);
        Assert.Contains($"\"{previous}\" is damaged", outcome.FailureReason);
    }

    [Fact]
    public void FilesAKilledWriteLeftBehindAreRemovedWhenTheNextAttemptStarts()
    {
        using var folder = new TempFolder();
        var files = TinyJobs.Files(folder.Path);
        Directory.CreateDirectory(files.RunDirectory);
        Directory.CreateDirectory(files.CandidateDirectory);
        File.WriteAllText(Path.Combine(files.RunDirectory, ".checkpoint.ckpt.5d1c9e.tmp"), "half a checkpoint");
        File.WriteAllText(Path.Combine(files.CandidateDirectory, ".model.safetensors.77ab.tmp"), "half a model");

        var recorded = new RecordedRun();
        var outcome = Run(TinyJobs.Job(), files, recorded);

        Assert.Equal(JobState.Succeeded, outcome.State);
        Assert.Contains("Removed 2 unfinished files that an interrupted write left behind.", recorded.Logs);
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void AModelToContinueFromWhoseWeightsNoLongerMatchTheirDigestIsRefusedByName()
    {
        using var folder = new TempFolder();
        var previous = folder.Combine("previous-model");
        TinyJobs.WriteUntrainedModel(previous);
        ModelFolderDigests.Record(previous);
        FlipByteInTheMiddle(Path.Combine(previous, HfCheckpoint.WeightsFileName));
        var settings = TinyJobs.Settings with { StartMode = JobStartMode.Continue };

        var outcome = Run(TinyJobs.Job(settings: settings, previousJobId: 4), TinyJobs.Files(folder.Path, start: previous), new RecordedRun());

        Assert.Equal(JobState.Failed, outcome.State);
        Assert.StartsWith("The model to continue from (job 4's) cannot be used: model.safetensors is damaged: its SHA-256 is", outcome.FailureReason);
    }
}
