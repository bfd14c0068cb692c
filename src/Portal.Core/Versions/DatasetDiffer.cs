using Portal.Core.Training;

namespace Portal.Core.Versions;

/// <summary>Compares two dataset snapshots verse by verse, matching verses by id.</summary>
public static class DatasetDiffer
{
    /// <summary>
    /// Added and edited verses carry their current content, removed ones their previous content (what the log names
    /// is what the writer would recognise). Each list is sorted by verse id.
    /// </summary>
    /// <exception cref="ArgumentException">A snapshot lists the same verse id twice.</exception>
    public static DatasetDiff Compare(IReadOnlyList<SnapshotVerse> previous, IReadOnlyList<SnapshotVerse> current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var before = ById(previous, nameof(previous));
        var after = ById(current, nameof(current));

        var added = after.Values.Where(v => !before.ContainsKey(v.VerseId));
        var edited = after.Values.Where(v => before.TryGetValue(v.VerseId, out var old) && !string.Equals(old.ContentHash, v.ContentHash, StringComparison.Ordinal));
        var removed = before.Values.Where(v => !after.ContainsKey(v.VerseId));
        return new(Sorted(added), Sorted(edited), Sorted(removed));
    }

    private static Dictionary<int, SnapshotVerse> ById(IReadOnlyList<SnapshotVerse> verses, string name)
    {
        var byId = new Dictionary<int, SnapshotVerse>(verses.Count);
        foreach (var verse in verses)
        {
            // A snapshot with a repeated id is corrupt; picking either copy would report a change that never happened.
            if (!byId.TryAdd(verse.VerseId, verse))
                throw new ArgumentException($"The snapshot lists verse {verse.VerseId} more than once.", name);
        }
        return byId;
    }

    private static List<SnapshotVerse> Sorted(IEnumerable<SnapshotVerse> verses) => verses.OrderBy(v => v.VerseId).ToList();
}
