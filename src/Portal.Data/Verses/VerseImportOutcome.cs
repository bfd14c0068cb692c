namespace Portal.Data.Verses;

/// <summary>What an import stored: new verse ids, and the items skipped because the same verse already exists.</summary>
public sealed record VerseImportOutcome(IReadOnlyList<int> AddedIds, IReadOnlyList<SkippedDuplicate> Duplicates);

/// <param name="ItemNumber">The 1-based item number in the imported file.</param>
/// <param name="ExistingId">The library verse it duplicates, or null when it repeats an earlier item of the same file.</param>
public sealed record SkippedDuplicate(int ItemNumber, int? ExistingId);
