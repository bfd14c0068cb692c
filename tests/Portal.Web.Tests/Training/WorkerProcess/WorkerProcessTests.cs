using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Core.Training;
using Portal.Ml.Model;
using Portal.Ml.Training;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Training.WorkerProcess;

/// <summary>
/// A worker on another machine, played by another OS process: it claims a job over the hub, trains, uploads its
/// checkpoints; killed with SIGKILL mid-job, its lease runs out and a second worker resumes from the last uploaded
/// checkpoint and delivers the candidate.
/// </summary>
public sealed class WorkerProcessTests : IAsyncLifetime
{
    private const int MaxSteps = 60;
    private const int EvalInterval = 10;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly TempDirectory workers = new();
    private readonly List<WorkerProcess> processes = [];
    private KestrelPortal portal = default!;
    private HttpClient api = default!;

    public async Task InitializeAsync()
    {
        portal = KestrelPortal.Start();
        api = portal.CreateAdminClient();
        using var content = new StringContent(Corpus.JsonArray([.. Enumerable.Range(1, 12)]), System.Text.Encoding.UTF8, "application/json");
        (await api.PostAsync("api/verses/import", content)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        foreach (var process in processes)
            process.Dispose();
        api.Dispose();
        await portal.DisposeAsync();
        workers.Dispose();
    }

    [Fact]
    public async Task AKilledWorkersJobIsFinishedByTheNextWorkerFromItsLastCheckpoint()
    {
        var id = await QueueAsync();
        var first = StartWorker("worker-a");

        // Killed only once a checkpoint beyond the start has reached the portal, so there is something to resume from.
        var checkpoint = Path.Combine(portal.DataDirectory, "runs", $"job-{id}", "checkpoint.ckpt");
        await WaitUntilAsync(async () => UploadedStep(checkpoint) >= 10 && await LastStepAsync(id) > 15, first, "worker A to upload a checkpoint of step 10 or later");
        first.Kill();

        var second = StartWorker("worker-b");
        await WaitUntilAsync(async () => (await JobAsync(id)).State.IsFinished(), second, "worker B to finish the job");

        var job = await JobAsync(id);
        Assert.True(job.State == JobState.Succeeded, $"{job.State}: {job.FailureReason}\nworker B said:\n{second.Output}");
        Assert.Equal(2, job.Attempts);
        Assert.Equal("worker-b", job.WorkerId);
        Assert.Equal(MaxSteps, job.Metrics!.Steps);
        Assert.Equal("models/job-" + id, job.CandidatePath);
        Assert.True(HfCheckpoint.IsModelFolder(Path.Combine(portal.DataDirectory, "models", $"job-{id}")));

        // Worker B started from one of worker A's checkpoints, not from step 0: right after an evaluation past the
        // first. Which one is not fixed: A trains on while its reports and uploads travel, so the portal may hold a
        // checkpoint newer than the last step it heard of when A died.
        var events = await EventsAsync(id);
        var resumed = events.FindIndex(e => e.Data.Kind == JobEventKind.State && e.Data.State == JobState.Running && e.Sequence > 2);
        Assert.True(resumed > 0, "no second Running event");
        var firstStepOfB = events.Skip(resumed).First(e => e.Data.Progress is { IsEvaluation: false }).Data.Progress!.Step;
        Assert.True(firstStepOfB > EvalInterval && (firstStepOfB - 1) % EvalInterval == 0, $"worker B's first step was {firstStepOfB}");
        Assert.Equal(Enumerable.Range(1, events.Count).Select(n => (long)n), events.Select(e => e.Sequence));
    }

    /// <summary>The step of the checkpoint the portal holds (uploads replace it atomically), or -1 when there is none yet.</summary>
    private static int UploadedStep(string checkpoint) =>
        File.Exists(checkpoint) ? TrainingCheckpoint.ReadState(checkpoint).Step : -1;

    private WorkerProcess StartWorker(string name)
    {
        var worker = WorkerProcess.Start(portal.BaseAddress, KestrelPortal.WorkerToken, Path.Combine(workers.Path, name), name);
        processes.Add(worker);
        return worker;
    }

    private async Task<long> QueueAsync()
    {
        var settings = TrainingSettings.ForPreset(RetrainPreset.Scratch, "tiny") with
        {
            MaxSteps = MaxSteps, EvalInterval = EvalInterval, ContextLength = 64, EarlyStopPatience = 0, ProbeTokens = 8,
        };
        using var response = await api.PostAsJsonAsync("api/training/jobs", new { preset = "Custom", settings }, Json);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetInt64();
    }

    private async Task<TrainingJob> JobAsync(long id) =>
        (await api.GetFromJsonAsync<TrainingJob>($"api/training/jobs/{id}", Json))!;

    private async Task<List<JobEvent>> EventsAsync(long id) =>
        (await api.GetFromJsonAsync<List<JobEvent>>($"api/training/jobs/{id}/events?after=0", Json))!;

    private async Task<int> LastStepAsync(long id) =>
        (await EventsAsync(id)).LastOrDefault(e => e.Data.Progress is not null)?.Data.Progress!.Step ?? 0;

    /// <summary>Polls; three minutes without the condition is a failure that shows what the worker printed.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, WorkerProcess worker, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting for {what}. The worker {(worker.HasExited ? "exited" : "is running")} and said:\n{worker.Output}");
            await Task.Delay(200);
        }
    }
}
