using Portal.Core.Training;

namespace Portal.Core.Versions;

/// <summary>How one version's dataset snapshot differs from another's: verses added, edited (same id, new content) and removed.</summary>
public sealed record DatasetDiff(IReadOnlyList<SnapshotVerse> Added, IReadOnlyList<SnapshotVerse> Edited, IReadOnlyList<SnapshotVerse> Removed)
{
    public static DatasetDiff Empty { get; } = new([], [], []);

    public bool IsEmpty => Added.Count == 0 && Edited.Count == 0 && Removed.Count == 0;
}
