using Portal.Core.Training;
using Portal.Web.Api;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Faults.Training;

/// <summary>The portal as its own process for training fault tests, and the waits they need on its jobs.</summary>
internal static class FaultPortal
{
    /// <summary>Guards every wait against a broken portal: reaching it is a failure, not a measure of speed.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    /// <summary>Quick polls and heartbeats; a lease far longer than a test, so only the restart's own release hands a job back.</summary>
    public static Task<PortalProcess> StartAsync(string dataDirectory) => PortalProcess.StartAsync(dataDirectory, new Dictionary<string, string>
    {
        ["Portal:Training:PollSeconds"] = "1",
        ["Portal:Training:HeartbeatSeconds"] = "1",
        ["Portal:Training:LeaseSeconds"] = "3600",
        ["Portal:Training:AutoRetrainCheckSeconds"] = "86400",
    });

    /// <summary>
    /// A tiny job that writes a checkpoint every few steps for long enough to be interrupted, and runs all its steps
    /// (no early stop), so that its final step count shows whether a resume lost or repeated any.
    /// </summary>
    public static TrainingSettings FrequentCheckpoints(int maxSteps, int evalInterval = 5, int seed = 1337) =>
        TinyJob.Settings(maxSteps: maxSteps, seed: seed) with { EvalInterval = evalInterval, EvalBatches = 1, ProbeTokens = 4, EarlyStopPatience = 0 };

    public static async Task<TrainingJobResponse> FinishedAsync(this HttpClient client, long jobId, PortalProcess portal)
    {
        using var limit = new CancellationTokenSource(Limit);
        while (true)
        {
            var job = await client.GetJobAsync(jobId);
            if (job.State.IsFinished())
                return job;
            if (portal.HasExited)
                Assert.Fail($"The portal exited while job {jobId} was {job.State}:\n{portal.Output}");
            if (limit.IsCancellationRequested)
                Assert.Fail($"Job {jobId} is still {job.State} after {Limit.TotalMinutes:0} minutes:\n{portal.Output}");
            await Task.Delay(200, CancellationToken.None);
        }
    }

    /// <summary>Polls (quickly: a checkpoint write takes milliseconds) until the condition holds.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, PortalProcess portal)
    {
        using var limit = new CancellationTokenSource(Limit);
        while (!condition())
        {
            if (portal.HasExited)
                Assert.Fail($"The portal exited while waiting for {what}:\n{portal.Output}");
            if (limit.IsCancellationRequested)
                Assert.Fail($"Still waiting for {what} after {Limit.TotalMinutes:0} minutes:\n{portal.Output}");
            await Task.Delay(1, CancellationToken.None);
        }
    }

    public static async Task<IReadOnlyList<string>> LogLinesAsync(this HttpClient client, long jobId) =>
        (await client.GetEventsAsync(jobId)).Where(e => e.Data.Kind == JobEventKind.Log).Select(e => e.Data.Message!).ToList();

    public static string RunFolder(string dataDirectory, long jobId) => Path.Combine(dataDirectory, "runs", $"job-{jobId}");

    /// <summary>Temporary files of checkpoint writes under way (or cut short): ".checkpoint.ckpt.GUID.tmp".</summary>
    public static string[] CheckpointWritesIn(string runFolder) =>
        Directory.Exists(runFolder) ? Directory.GetFiles(runFolder, ".checkpoint.ckpt.*.tmp") : [];
}
