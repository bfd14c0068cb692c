namespace Portal.Ml.Training;

/// <summary>
/// One verse of a dataset snapshot. <paramref name="Id"/> is stable across snapshots (the verse's database id or its
/// content hash), so that a verse stays on the same side of the train/validation split from one retrain to the next.
/// </summary>
public sealed record TrainingVerse(string Id, string Prompt, string Lyrics);
