namespace Portal.Core.Training;

/// <summary>One verse of a job's dataset snapshot, as it was when the job was queued.</summary>
public sealed record SnapshotVerse(int VerseId, string ContentHash, string Prompt, string Lyrics);
