using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Training;

/// <summary>Chooses the verses of a job's snapshot from the library as it is when the button is pressed.</summary>
public static class SnapshotPlanner
{
    /// <summary>
    /// A Quick (continue) job trains on what is new since the previous model (new or edited verses) plus a replay
    /// sample of older ones, so that it learns the new without forgetting the old. Every other job takes the whole
    /// library. The replay sample is fixed by the seed, so pressing the button twice gives the same snapshot (and
    /// joins the same job).
    /// </summary>
    /// <param name="previousHashes">Content hashes of the previous model's snapshot; null when there is no previous model.</param>
    public static IReadOnlyList<SnapshotVerse> Plan(
        IReadOnlyList<SnapshotVerse> library, JobStartMode mode, IReadOnlySet<string>? previousHashes, double replayRatio, int seed)
    {
        ArgumentNullException.ThrowIfNull(library);
        if (mode != JobStartMode.Continue || previousHashes is null)
            return library.OrderBy(v => v.VerseId).ToList();

        var fresh = library.Where(v => !previousHashes.Contains(v.ContentHash)).ToList();
        if (fresh.Count == 0)
            return [];
        var known = library.Where(v => previousHashes.Contains(v.ContentHash)).ToList();
        var replay = (int)Math.Min(known.Count, Math.Ceiling(fresh.Count * replayRatio));
        var sample = known.OrderBy(v => Rank(seed, v.ContentHash)).Take(replay);
        return fresh.Concat(sample).OrderBy(v => v.VerseId).ToList();
    }

    /// <summary>A stable pseudo-random order: the same seed and verse always rank the same, on every machine.</summary>
    private static string Rank(int seed, string contentHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{contentHash}")));
}
