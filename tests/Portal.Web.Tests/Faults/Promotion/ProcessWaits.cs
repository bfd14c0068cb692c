using Portal.Web.Api;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Faults.Promotion;

/// <summary>
/// Waits on a portal process through its API, as a script would. The limit only turns a broken portal into a failure
/// instead of a hang; reaching it is not a measure of speed.
/// </summary>
internal static class ProcessWaits
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public static async Task<VersionResponse> VersionAsync(this PortalProcess portal, int number, Func<VersionResponse, bool> match)
    {
        using var admin = portal.CreateAdminClient();
        var deadline = DateTime.UtcNow + JobWaits.Limit;
        VersionResponse? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = (await admin.ListVersionsAsync()).FirstOrDefault(v => v.Number == number);
            if (last is not null && match(last))
                return last;
            await Task.Delay(Poll);
        }
        throw new TimeoutException($"v{number} never got there; last seen: {last}\n{portal.Output}");
    }

    /// <summary>Waits for <paramref name="condition"/> while the portal runs; fails at once if the portal exits.</summary>
    public static async Task UntilAsync(this PortalProcess portal, Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + JobWaits.Limit;
        while (!condition())
        {
            if (portal.HasExited)
                throw new InvalidOperationException($"The portal exited while waiting until {what}:\n{portal.Output}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Never {what}:\n{portal.Output}");
            await Task.Delay(20);
        }
    }
}
