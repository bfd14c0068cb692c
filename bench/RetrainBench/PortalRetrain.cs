using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Core.Training;

namespace RetrainBench;

/// <summary>What one press of "Retrain now" cost, seen from a watcher connected to the hub.</summary>
internal sealed record PortalFigures(
    double ClickToCandidateSeconds, int Steps, double TokensPerSecond, IReadOnlyList<double> DelaysMs, bool InOrder, TrainingJob Job, double CpuSeconds,
    double BesideTrainingCpuSeconds, int Collections, double StealSeconds, double TrainingWaitSeconds, double JitCpuSeconds);

/// <summary>Presses "Retrain now" through the REST API and watches the job over /hubs/training until it ends.</summary>
internal static class PortalRetrain
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static async Task<PortalFigures> RunAsync(BenchPortal portal, object request, CancellationToken cancellationToken)
    {
        using var api = portal.CreateApiClient();
        var delays = new List<double>();
        var inOrder = true;
        long lastSequence = 0;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(portal.BaseAddress, "hubs/training"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(BenchPortal.Token))
            .Build();
        hub.On<JobEvent>("JobEvent", e =>
        {
            var received = DateTimeOffset.UtcNow;
            lock (delays)
            {
                inOrder &= e.Sequence == lastSequence + 1;
                lastSequence = e.Sequence;
                if (e.Data is { Kind: JobEventKind.Progress, ProducedAt: { } produced })
                    delays.Add((received - produced).TotalMilliseconds);
            }
            if (e.Data.State is { } state && state.IsFinished())
                finished.TrySetResult();
        });
        await hub.StartAsync(cancellationToken);
        await hub.InvokeAsync("WatchAll", cancellationToken);

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var threads = ThreadCpu.Snapshot();
        var collections = GC.CollectionCount(0);
        var steal = HostSteal.Seconds();
        await using var waits = TrainingThreadWaits.Start();
        var clock = Stopwatch.StartNew();
        using var response = await api.PostAsJsonAsync("api/training/jobs", request, Json, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /api/training/jobs answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        var queued = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
        var id = queued.GetProperty("id").GetInt64();
        await finished.Task.WaitAsync(TimeSpan.FromMinutes(30), cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var after = ThreadCpu.Snapshot();
        var besideTraining = ThreadCpu.BesideTraining(threads, after);
        steal = HostSteal.Seconds() - steal;
        var trainingWait = await waits.StopAsync();
        collections = GC.CollectionCount(0) - collections;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;

        var job = await api.GetFromJsonAsync<TrainingJob>($"api/training/jobs/{id}", Json, cancellationToken)
            ?? throw new InvalidOperationException($"Job {id} vanished.");
        if (job.State != JobState.Succeeded)
            throw new InvalidOperationException($"Job {id} ended {job.State}: {job.FailureReason}");
        lock (delays)
            return new PortalFigures(seconds, job.Metrics!.Steps, job.Metrics.TokensPerSecond, delays.ToList(), inOrder, job, cpuSeconds, besideTraining, collections, steal, trainingWait, ThreadCpu.Jit(threads, after));
    }

    public static async Task ImportAsync(BenchPortal portal, IReadOnlyList<(string Prompt, string Lyrics)> verses, CancellationToken cancellationToken)
    {
        using var api = portal.CreateApiClient();
        var body = JsonSerializer.Serialize(verses.Select(v => new { prompt = v.Prompt, lyrics = v.Lyrics }));
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await api.PostAsync("api/verses/import", content, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }
}
