using Portal.Core.Training;
using Portal.Ml.Formats;
using Portal.Ml.Model;
using Portal.Ml.Training;

namespace Portal.Worker.Execution;

/// <summary>A job turned into the engine's request: what to train on, from where, and whether an earlier attempt left a checkpoint.</summary>
/// <param name="Checkpoint">The earlier attempt's checkpoint to resume from, and any it refused as damaged.</param>
internal sealed record JobPlan(TrainingRequest Request, TrainingOptions Options, CheckpointChoice Checkpoint, DatasetSplit Split)
{
    public const string CheckpointFileName = "checkpoint.ckpt";

    /// <summary>The state of the checkpoint resumed from; null for a fresh start.</summary>
    public CheckpointState? Resumed => Checkpoint.State;

    /// <summary>Steps the run will take unless it stops early, as the trainer counts them.</summary>
    public int PlannedSteps
    {
        get
        {
            var batches = (Split.Train.Count + Options.BatchSize - 1) / Options.BatchSize;
            var steps = (batches + Options.GradientAccumulationSteps - 1) / Options.GradientAccumulationSteps;
            return Resumed?.MaxSteps ?? Options.MaxSteps ?? Options.Epochs * steps;
        }
    }

    /// <exception cref="JobSetupException">The job cannot start as asked; the message says why in a writer's words.</exception>
    public static JobPlan Create(JobAssignment job, JobFiles files)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(files);
        if (job.Verses.Count == 0)
            throw new JobSetupException("The job's snapshot has no verses to train on.");
        var invalid = job.Settings.Validate();
        if (invalid.Count > 0)
            throw new JobSetupException("The job's settings cannot be trained: " + string.Join(" ", invalid));

        var mode = TrainingSettingsMapping.ToStartMode(job.Settings.StartMode);
        var baseFolder = mode == StartMode.Scratch ? null : RequireModelFolder(job, files.StartModelDirectory);
        var options = TrainingSettingsMapping.ToOptions(job.Settings, TrainingSettingsMapping.ProbePrompts(job));
        var verses = TrainingSettingsMapping.ToTrainingVerses(job.Verses);

        var checkpoint = CheckpointChoice.Make(files.RunDirectory);
        var request = new TrainingRequest(verses, files.CandidateDirectory, files.RunDirectory, mode, baseFolder,
            job.Settings.ModelSize, options, checkpoint.Path);
        return new JobPlan(request, options, checkpoint, DatasetSplit.ByVerseId(verses, options.ValidationFraction));
    }

    /// <summary>
    /// Base and Continue jobs need their weights. The engine would quietly fall back to a scratch model when a
    /// folder to continue from is incomplete; here that would train something nobody asked for, so it is an error.
    /// </summary>
    private static string RequireModelFolder(JobAssignment job, string? folder)
    {
        var what = job.Settings.StartMode == JobStartMode.Base
            ? $"The base model folder base-models/{job.Settings.BaseModel}"
            : job.PreviousJobId is { } previous ? $"The model to continue from (job {previous}'s)" : "The model to continue from";
        if (folder is null || !Directory.Exists(folder))
            throw new JobSetupException($"{what} is missing.");
        var missing = HfCheckpoint.FindMissing(folder);
        if (missing.Count > 0)
            throw new JobSetupException($"{what} is incomplete: {string.Join("; ", missing)}.");
        // Checked against the digests recorded when the portal accepted it (none for a base model or a remote copy).
        var damaged = ModelFolderDigests.Verify(folder);
        if (damaged.Count > 0)
            throw new JobSetupException($"{what} cannot be used: {string.Join("; ", damaged)}.");
        return folder;
    }
}
