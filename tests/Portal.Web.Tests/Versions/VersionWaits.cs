using Portal.Web.Services.Versions;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Versions;

/// <summary>
/// Waits on the version history through the service's own change event. The limit only turns a broken portal into a
/// failure instead of a hang; reaching it is not a measure of speed.
/// </summary>
internal static class VersionWaits
{
    public static async Task<VersionRow> RowAsync(this VersionService versions, Func<VersionRow, bool> match)
    {
        var found = new TaskCompletionSource<VersionRow>(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task LookAsync()
        {
            if ((await versions.HistoryAsync()).FirstOrDefault(match) is { } row)
                found.TrySetResult(row);
        }

        // Subscribed before the first look, so that a change between the two is not missed.
        void OnChanged() => _ = LookAsync();
        versions.Changed += OnChanged;
        try
        {
            await LookAsync();
            return await found.Task.WaitAsync(JobWaits.Limit);
        }
        finally
        {
            versions.Changed -= OnChanged;
        }
    }
}
