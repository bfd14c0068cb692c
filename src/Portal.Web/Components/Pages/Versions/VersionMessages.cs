using Portal.Core.Training;
using Portal.Core.Versions;
using Portal.Web.Services.Versions;

namespace Portal.Web.Components.Pages.Versions;

/// <summary>What a promote, rollback or push retry did, in the words every page uses for it.</summary>
public static class VersionMessages
{
    public static string Describe(VersionCommand command, VersionCommandResult result) => result switch
    {
        { Status: VersionCommandStatus.Done, Version: { } version } => Done(command, version),
        { Status: VersionCommandStatus.ChecklistFailed } => result.Message ?? ChecklistFailed(result.FailedItems ?? []),
        { Status: VersionCommandStatus.NotFound } => result.Message ?? "Nothing was done: that job or version no longer exists.",
        { Status: VersionCommandStatus.Forbidden } => result.Message ?? "Nothing was done: only an admin can do this.",
        _ => result.Message ?? "Nothing was done.",
    };

    /// <summary>Done and pushed is the whole deploy; done but not pushed is recorded and needs a retry; anything else changed nothing.</summary>
    public static bool IsComplete(VersionCommandResult result) =>
        result is { Status: VersionCommandStatus.Done, Version.PushState: PushState.Pushed };

    private static string Done(VersionCommand command, ModelVersion version)
    {
        var target = VersionTag.Of(version.RollbackOf ?? version.Number);
        var why = version.PushError ?? "the push did not complete.";
        var pushed = version.PushState == PushState.Pushed;
        return command switch
        {
            VersionCommand.Promote when pushed => $"Promoted as {version.Tag} and pushed.",
            VersionCommand.Promote => $"Committed as {version.Tag}, not pushed: {why}",
            VersionCommand.Rollback when pushed => $"Rolled back to {target} as {version.Tag} and pushed.",
            VersionCommand.Rollback => $"Committed {version.Tag} (a rollback to {target}), not pushed: {why}",
            _ when pushed => $"{version.Tag} pushed.",
            _ => $"{version.Tag} is still not pushed: {why}",
        };
    }

    private static string ChecklistFailed(IReadOnlyList<ChecklistItem> failed) =>
        failed.Count == 0
            ? "Nothing was promoted: the checklist has failed items. Tick the override and say why in the note."
            : $"Nothing was promoted: {string.Join(", ", failed.Select(i => i.Title))} failed. Tick the override and say why in the note.";
}
