using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Training;
using Portal.Web.Services.Training;

namespace PlaygroundBench;

/// <summary>A finished job's candidate: the id the API is asked for, and the folder the engine loads.</summary>
internal sealed record TrainedCandidate(long JobId, string Folder, int Steps, double Seconds);

/// <summary>Presses "Retrain now" (From scratch) through the API and waits for the portal's own worker to finish it.</summary>
internal static class CandidateTraining
{
    public static async Task<TrainedCandidate> TrainAsync(LoopbackPortal portal, HttpClient api, string modelSize, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // The writers' From scratch button as it is: on the sample verses its early stop ends it after a few dozen steps.
        using var response = await api.PostAsJsonAsync("api/training/jobs", new { preset = "Scratch", modelSize }, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /api/training/jobs answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetInt64();

        // Polled from the store in this process: a job takes seconds to minutes, so a hub watcher would buy nothing here.
        var store = portal.Services.GetRequiredService<ITrainingJobStore>();
        TrainingJob job;
        while (true)
        {
            job = await store.FindAsync(jobId, cancellationToken) ?? throw new InvalidOperationException($"Job {jobId} vanished.");
            if (job.State.IsFinished())
                break;
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
        if (job.State != JobState.Succeeded)
            throw new InvalidOperationException($"Job {jobId} ended {job.State}: {job.FailureReason}");

        var folder = portal.Services.GetRequiredService<TrainingFolders>().CompleteCandidate(job)
            ?? throw new InvalidOperationException($"Job {jobId} succeeded but left no complete model folder ({job.CandidatePath}).");
        return new TrainedCandidate(jobId, folder, job.Metrics?.Steps ?? 0, clock.Elapsed.TotalSeconds);
    }
}
