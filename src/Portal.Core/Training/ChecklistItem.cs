namespace Portal.Core.Training;

/// <summary>One line of the retraining checklist. <paramref name="Passed"/> is null when it does not apply (with why in the figure).</summary>
public sealed record ChecklistItem(string Key, string Title, bool? Passed, string Figure);
