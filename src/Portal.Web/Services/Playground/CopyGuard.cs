using Portal.Ml.Tokenization;
using Portal.Web.Services.Versions;

namespace Portal.Web.Services.Playground;

/// <summary>
/// Checks outputs for passages recited from the verses their model learned. The index of a model (its job's verses
/// in its tokenizer's ids) is built once and kept for the next runs, a few models at a time.
/// </summary>
public sealed class CopyGuard(VersionDatasets datasets)
{
    /// <summary>Indexes kept: a writer compares a handful of models; more would only hold memory for models nobody tries.</summary>
    public const int MaxIndexes = 8;

    private readonly object gate = new();
    private readonly Dictionary<(long JobId, string Folder), (Task<TrainingVerseIndex> Index, long Tick)> indexes = [];
    private long ticks;

    /// <summary>The model's index, built on first use; callers may start it early and await it later.</summary>
    public Task<TrainingVerseIndex> IndexAsync(long jobId, string modelFolder)
    {
        var key = (jobId, Path.GetFullPath(modelFolder));
        lock (gate)
        {
            if (indexes.TryGetValue(key, out var entry) && !entry.Index.IsFaulted && !entry.Index.IsCanceled)
            {
                indexes[key] = (entry.Index, ++ticks);
                return entry.Index;
            }
            if (indexes.Count >= MaxIndexes)
                indexes.Remove(indexes.MinBy(pair => pair.Value.Tick).Key);
            var built = BuildAsync(jobId, key.Item2);
            indexes[key] = (built, ++ticks);
            return built;
        }
    }

    private async Task<TrainingVerseIndex> BuildAsync(long jobId, string modelFolder)
    {
        // Not cancelled with the run that asked first: the index is shared with every later run of the model.
        var learned = await datasets.LearnedAsync(jobId, CancellationToken.None);
        return await Task.Run(() => TrainingVerseIndex.Build(Gpt2Tokenizer.LoadFolder(modelFolder), learned));
    }
}
