using System.Collections.Concurrent;
using Portal.Core.Training;
using Portal.Core.Versions;
using Portal.Ml.Model;
using Portal.Ml.Runtime;
using Portal.Web.Services.Training;

namespace Portal.Web.Services.Versions;

/// <summary>
/// Puts a candidate next to the current version before an admin promotes it: loss on the candidate's held-out verses
/// and both models' outputs for the golden prompts. Loading two models and generating takes seconds to minutes, so
/// one comparison runs at a time, on a thread of its own, and its result is kept until the current version changes.
/// Both models' files are checked against their recorded digests first: a damaged candidate is refused by name, and a
/// damaged copy of the current version is replaced by the files of its tag, which is what was deployed.
/// </summary>
public sealed class CandidateComparer(
    ITrainingJobStore jobs,
    IModelVersionStore versions,
    IGoldenPromptStore goldenPrompts,
    IDeployRepository repository,
    TrainingFolders folders,
    ModelFolderVerification modelFiles,
    ILogger<CandidateComparer> logger)
{
    /// <summary>Comparisons kept; a page rarely asks about more than the last few candidates.</summary>
    private const int CacheSize = 32;

    private readonly SemaphoreSlim running = new(1, 1);
    private readonly ConcurrentDictionary<(long JobId, int Current), GateComparison> cache = new();

    /// <exception cref="InvalidOperationException">The job does not exist or has no complete candidate model.</exception>
    /// <exception cref="InvalidCheckpointException">The candidate's files do not match their recorded digests.</exception>
    public async Task<GateComparison> CompareAsync(long jobId, CancellationToken cancellationToken = default)
    {
        var current = await versions.LatestAsync(cancellationToken);
        var key = (jobId, current?.Number ?? 0);
        if (cache.TryGetValue(key, out var known))
            return known;

        await running.WaitAsync(cancellationToken);
        try
        {
            // Whoever waited for the same comparison finds it done.
            if (cache.TryGetValue(key, out known))
                return known;
            var comparison = await MeasureAsync(jobId, current, cancellationToken);
            if (cache.Count >= CacheSize)
                cache.Clear();
            cache[key] = comparison;
            return comparison;
        }
        finally
        {
            running.Release();
        }
    }

    private async Task<GateComparison> MeasureAsync(long jobId, ModelVersion? current, CancellationToken cancellationToken)
    {
        var job = await jobs.FindAsync(jobId, cancellationToken)
            ?? throw new InvalidOperationException($"There is no training job {jobId}.");
        var candidateFolder = folders.CompleteCandidate(job)
            ?? throw new InvalidOperationException($"Job {jobId} has no complete candidate model to compare.");
        await modelFiles.EnsureIntactAsync(candidateFolder, cancellationToken);
        var inputs = ComparisonInputs.For(job, await jobs.SnapshotAsync(jobId, cancellationToken), await goldenPrompts.ListAsync(cancellationToken));

        using var currentModel = await CurrentModelAsync(current, cancellationToken);
        var (candidate, previous) = await DedicatedThread.Run("Portal comparison", () =>
        {
            // One model in memory at a time: the candidate first, then the current version.
            var candidateScore = ModelScore.Measure(candidateFolder, inputs, cancellationToken);
            var currentScore = currentModel.Folder is { } folder ? ModelScore.Measure(folder, inputs, cancellationToken) : null;
            return (candidateScore, currentScore);
        });
        logger.LogInformation("Compared job {JobId}'s candidate with {Current} on {Verses} held-out verses and {Prompts} prompts",
            jobId, current?.Tag ?? "no version", inputs.HeldOut.Count, inputs.Prompts.Count);

        var prompts = inputs.Prompts
            .Select((prompt, i) => new GoldenComparison(prompt, previous?.Outputs[i], candidate.Outputs[i]))
            .ToList();
        return new GateComparison(inputs.HeldOut.Count, candidate.Loss, previous?.Loss, prompts);
    }

    /// <summary>
    /// The current version's model: its job's candidate folder when it is still there and intact, else the files of its
    /// tag, exported from the deploy repository into a folder that is deleted after the comparison.
    /// </summary>
    private async Task<ModelFolderLease> CurrentModelAsync(ModelVersion? current, CancellationToken cancellationToken)
    {
        if (current is null)
            return new ModelFolderLease(null, null);
        if (folders.CompleteCandidate(await jobs.FindAsync(current.JobId, cancellationToken)) is { } folder)
        {
            var problems = await modelFiles.ProblemsAsync(folder, cancellationToken);
            if (problems.Count == 0)
                return new ModelFolderLease(folder, null);
            logger.LogWarning("{Tag}'s candidate folder is damaged ({Problems}); the comparison uses the files of its tag instead",
                current.Tag, string.Join("; ", problems));
        }

        var scratch = Path.Combine(folders.DataDirectory, "tmp", "compare-" + Guid.NewGuid().ToString("N"));
        var lease = new ModelFolderLease(scratch, scratch);
        try
        {
            await repository.ExportModelAsync(current.Number, scratch, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lease.Dispose();
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The candidate can still be judged on its own; the page shows the current side as unavailable.
            logger.LogWarning("{Tag}'s model could not be read from the deploy repository for a comparison: {Error}", current.Tag, e.Message);
        }
        if (HfCheckpoint.IsModelFolder(scratch))
            return lease;
        lease.Dispose();
        return new ModelFolderLease(null, null);
    }

    /// <summary>A model folder for the comparison, and the scratch folder to delete afterwards (null when it is the job's own).</summary>
    private sealed record ModelFolderLease(string? Folder, string? Scratch) : IDisposable
    {
        public void Dispose()
        {
            if (Scratch is not null && Directory.Exists(Scratch))
                Directory.Delete(Scratch, recursive: true);
        }
    }
}
