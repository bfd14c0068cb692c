using Portal.Core.Training;
using Portal.Core.Versions;

namespace Portal.Web.Services.Versions;

/// <summary>
/// The verses a version's model has learned, for the dataset diff between versions. A job that continued an earlier
/// model trained on new verses and a replay sample only; its model still knows everything its predecessors learned,
/// so comparing bare snapshots would report every verse left out of the sample as removed.
/// </summary>
public sealed class VersionDatasets(ITrainingJobStore jobs)
{
    /// <summary>Continue chains are a few jobs long; the limit only keeps a corrupt chain from running on.</summary>
    private const int MaxChain = 200;

    public async Task<DatasetDiff> DiffAsync(long previousJobId, long jobId, CancellationToken cancellationToken = default) =>
        DatasetDiffer.Compare(await LearnedAsync(previousJobId, cancellationToken), await LearnedAsync(jobId, cancellationToken));

    /// <summary>The job's snapshot on top of the verses of every model it continued, each verse as it was last learned.</summary>
    public async Task<IReadOnlyList<SnapshotVerse>> LearnedAsync(long jobId, CancellationToken cancellationToken = default)
    {
        var chain = new List<long>();
        long? next = jobId;
        while (next is { } id && chain.Count < MaxChain && !chain.Contains(id))
        {
            chain.Add(id);
            var job = await jobs.FindAsync(id, cancellationToken);
            next = job is { Settings.StartMode: JobStartMode.Continue } ? job.PreviousJobId : null;
        }

        var learned = new Dictionary<int, SnapshotVerse>();
        // Oldest first, so that a verse edited later counts with the content the newest model learned.
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            foreach (var verse in await jobs.SnapshotAsync(chain[i], cancellationToken))
                learned[verse.VerseId] = verse;
        }
        return learned.Values.OrderBy(v => v.VerseId).ToList();
    }
}
