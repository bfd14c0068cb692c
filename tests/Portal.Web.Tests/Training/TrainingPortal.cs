using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Training;

/// <summary>How training tests start the portal: quick polls and heartbeats, so that a test waits on training, not on timers.</summary>
internal static class TrainingPortal
{
    public static PortalSetup Setup(bool inProcessWorker = true, IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Portal:Training:InProcessWorker"] = inProcessWorker ? "true" : "false",
            ["Portal:Training:PollSeconds"] = "1",
            ["Portal:Training:HeartbeatSeconds"] = "1",
            // The scheduler's own loop stays out of the way; tests call its check directly.
            ["Portal:Training:AutoRetrainCheckSeconds"] = "86400",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
            settings[key] = value;
        return new PortalSetup { Settings = settings };
    }

    /// <summary>A portal whose jobs stay queued: for tests of what is queued, not of training.</summary>
    public static PortalFactory WithoutWorker(IReadOnlyDictionary<string, string>? more = null) =>
        new() { Setup = Setup(inProcessWorker: false, more) };

    public static PortalFactory WithWorker(IReadOnlyDictionary<string, string>? more = null) =>
        new() { Setup = Setup(inProcessWorker: true, more) };

    public static async Task AddVersesAsync(this HttpClient client, params int[] numbers)
    {
        foreach (var n in numbers)
            await client.AddVerseAsync(n);
    }
}
