using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Core.Training;
using Portal.Web.Api;

namespace LoadBench;

/// <summary>Training jobs through the REST API, as "Retrain now" with the Advanced panel queues them.</summary>
internal static class BenchJobs
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// A tiny model from scratch that runs exactly <paramref name="steps"/> steps (no early stop), so that two runs of
    /// it do the same work. The From scratch preset's other settings, as writers get them.
    /// </summary>
    public static TrainingSettings Steps(int steps, int seed = 1337) =>
        TrainingSettings.ForPreset(RetrainPreset.Scratch, "tiny") with
        {
            MaxSteps = steps,
            Epochs = 1000,
            EarlyStopPatience = 0,
            EvalInterval = 50,
            EvalBatches = 2,
            ProbeTokens = 16,
            Seed = seed,
        };

    public static async Task<long> QueueAsync(HttpClient api, TrainingSettings settings, CancellationToken cancellationToken)
    {
        using var response = await api.PostAsJsonAsync("api/training/jobs", new { preset = "Custom", settings }, Json, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /api/training/jobs answered {(int)response.StatusCode}: {body}");
        var queued = JsonSerializer.Deserialize<TrainingJobQueuedResponse>(body, Json)!;
        if (queued.Joined)
            throw new InvalidOperationException($"The job joined job {queued.Id}, still queued or running: the bench measures one job at a time.");
        return queued.Id;
    }

    public static async Task<TrainingJobResponse> GetAsync(HttpClient api, long id, CancellationToken cancellationToken) =>
        await api.GetFromJsonAsync<TrainingJobResponse>($"api/training/jobs/{id}", Json, cancellationToken)
            ?? throw new InvalidOperationException($"Job {id} vanished.");

    /// <summary>Polls until the job is in <paramref name="wanted"/> or has ended.</summary>
    public static async Task<TrainingJobResponse> WaitAsync(HttpClient api, long id, Func<JobState, bool> wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            var job = await GetAsync(api, id, cancellationToken);
            if (wanted(job.State) || job.State.IsFinished())
                return job;
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    public static async Task<TrainingJobResponse> FinishAsync(HttpClient api, long id, CancellationToken cancellationToken)
    {
        var job = await WaitAsync(api, id, state => state.IsFinished(), cancellationToken);
        return job.State == JobState.Succeeded
            ? job
            : throw new InvalidOperationException($"Job {id} ended {job.State}: {job.FailureReason}");
    }

    /// <summary>Asks a running job to stop and waits until it has: it stops after its current step and keeps its figures.</summary>
    public static async Task<TrainingJobResponse> CancelAsync(HttpClient api, long id, CancellationToken cancellationToken)
    {
        using var response = await api.DeleteAsync($"api/training/jobs/{id}", cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"DELETE /api/training/jobs/{id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return await WaitAsync(api, id, state => state.IsFinished(), cancellationToken);
    }

    /// <summary>Every stored event of the job, in sequence order.</summary>
    public static async Task<IReadOnlyList<JobEvent>> EventsAsync(HttpClient api, long id, CancellationToken cancellationToken)
    {
        var all = new List<JobEvent>();
        while (true)
        {
            var after = all.Count == 0 ? 0 : all[^1].Sequence;
            var page = await api.GetFromJsonAsync<List<JobEvent>>($"api/training/jobs/{id}/events?after={after}", Json, cancellationToken) ?? [];
            if (page.Count == 0)
                return all;
            all.AddRange(page);
        }
    }

    public static async Task ImportAsync(HttpClient api, IEnumerable<(string Prompt, string Lyrics)> verses, CancellationToken cancellationToken)
    {
        using var response = await api.PostAsJsonAsync("api/verses/import", verses.Select(v => new { prompt = v.Prompt, lyrics = v.Lyrics }), cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }
}
