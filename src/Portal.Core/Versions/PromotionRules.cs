using Portal.Core.Training;

namespace Portal.Core.Versions;

/// <summary>When a candidate may be promoted without the promoter overriding its checklist.</summary>
public static class PromotionRules
{
    /// <summary>A note longer than this is an essay, not a log line; it would also bloat every commit message.</summary>
    public const int MaxNoteLength = 2000;

    public static IReadOnlyList<ChecklistItem> FailedItems(IEnumerable<ChecklistItem> checklist)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        return checklist.Where(i => i.Passed == false).ToList();
    }

    /// <summary>
    /// No item failed and at least one passed. An item that does not apply cannot be judged, so it does not block;
    /// but a checklist with nothing judged at all says nothing about the candidate, so it does not pass either.
    /// </summary>
    public static bool PassesCompletely(IEnumerable<ChecklistItem> checklist)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        var items = checklist.ToList();
        return items.All(i => i.Passed != false) && items.Any(i => i.Passed == true);
    }
}
