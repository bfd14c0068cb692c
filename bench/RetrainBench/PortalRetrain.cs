using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Core.Training;

namespace RetrainBench;

/// <summary>What one press of "Retrain now" cost, seen from a watcher connected to the hub.</summary>
internal sealed record PortalFigures(
    double ClickToCandidateSeconds, int Steps, double TokensPerSecond, IReadOnlyList<double> DelaysMs, bool InOrder, TrainingJob Job, JobCosts Costs);

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

        await using var meter = JobCostMeter.Start();
        var clock = Stopwatch.StartNew();
        using var response = await api.PostAsJsonAsync("api/training/jobs", request, Json, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /api/training/jobs answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        var queued = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
        var id = queued.GetProperty("id").GetInt64();
        await finished.Task.WaitAsync(TimeSpan.FromMinutes(30), cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var costs = await meter.StopAsync();

        var job = await api.GetFromJsonAsync<TrainingJob>($"api/training/jobs/{id}", Json, cancellationToken)
            ?? throw new InvalidOperationException($"Job {id} vanished.");
        if (job.State != JobState.Succeeded)
            throw new InvalidOperationException($"Job {id} ended {job.State}: {job.FailureReason}");
        lock (delays)
            return new PortalFigures(seconds, job.Metrics!.Steps, job.Metrics.TokensPerSecond, delays.ToList(), inOrder, job, costs);
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
