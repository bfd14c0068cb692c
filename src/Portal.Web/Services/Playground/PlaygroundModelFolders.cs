using Portal.Core.Playground;
using Portal.Core.Training;
using Portal.Core.Versions;
using Portal.Ml.Model;
using Portal.Web.Services.Training;
using Portal.Web.Services.Versions;

namespace Portal.Web.Services.Playground;

/// <summary>
/// Where a playground model's files are: a candidate's own folder, or for a version its job's candidate folder while
/// that is complete, else the files of its tag exported once into &lt;data&gt;/playground/models/vN and reused.
/// </summary>
public sealed class PlaygroundModelFolders(
    IModelVersionStore versions,
    ITrainingJobStore jobs,
    IDeployRepository repository,
    TrainingFolders folders)
{
    // One export at a time: two runs asking for the same version must not both write its folder.
    private readonly SemaphoreSlim exports = new(1, 1);

    public string ExportDirectory => Path.Combine(folders.DataDirectory, "playground", "models");

    /// <summary>The model's folder, complete (config.json and weights).</summary>
    /// <exception cref="InvalidOperationException">The model has no files any more; the message says what is missing.</exception>
    public async Task<string> ResolveAsync(ModelChoice choice, CancellationToken cancellationToken = default)
    {
        if (choice.Kind == ModelKind.Candidate)
            return CandidateFolder(await jobs.FindAsync(choice.Id, cancellationToken))
                ?? throw new InvalidOperationException($"{PlaygroundCatalog.PlainLabel(choice)} has no model files any more.");

        var all = await versions.ListAsync(cancellationToken);
        var version = all.FirstOrDefault(v => v.Number == choice.Id)
            ?? throw new InvalidOperationException($"There is no version {choice}.");
        if (CandidateFolder(await jobs.FindAsync(version.JobId, cancellationToken)) is { } candidate)
            return candidate;
        // A rollback's tag carries the files of the version it returns to: one export serves both.
        return await ExportAsync(LiveVersions.ContentOf(version, all), cancellationToken);
    }

    private string? CandidateFolder(TrainingJob? job) => job?.State == JobState.Succeeded ? folders.CompleteCandidate(job) : null;

    private async Task<string> ExportAsync(int number, CancellationToken cancellationToken)
    {
        var target = Path.Combine(ExportDirectory, VersionTag.Of(number));
        await exports.WaitAsync(cancellationToken);
        try
        {
            if (HfCheckpoint.IsModelFolder(target))
                return target;
            if (Directory.Exists(target))
                Directory.Delete(target, recursive: true);
            // Exported beside the target and renamed when whole, so that a crash mid-export never leaves a folder
            // that looks like a model.
            var temporary = Path.Combine(ExportDirectory, $".{VersionTag.Of(number)}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(temporary);
            try
            {
                await repository.ExportModelAsync(number, temporary, cancellationToken);
                var missing = HfCheckpoint.FindMissing(temporary);
                if (missing.Count > 0)
                    throw new InvalidOperationException($"{VersionTag.Of(number)}'s files in the deploy repository are not a whole model: {string.Join("; ", missing)}.");
                Directory.Move(temporary, target);
                // Recorded once the export is whole, so that damage to it later is caught before it is loaded.
                await ModelFolderVerification.RecordAsync(target, cancellationToken);
            }
            finally
            {
                if (Directory.Exists(temporary))
                    Directory.Delete(temporary, recursive: true);
            }
            return target;
        }
        finally
        {
            exports.Release();
        }
    }
}
