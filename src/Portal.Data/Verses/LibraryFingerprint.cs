namespace Portal.Data.Verses;

/// <summary>A cheap summary of the live verses that differs after any change to them.</summary>
public sealed record LibraryFingerprint(int Count, long RevisionSum, int MaxId);
