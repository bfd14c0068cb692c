using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Core.Training;

namespace Portal.E2E.Tests.Support;

/// <summary>
/// The portal (as <see cref="PortalServer"/>) with two versions to try: two tiny models trained and promoted through
/// the REST API with the admin's token, so that the browser test starts in the playground.
/// </summary>
public sealed class PlaygroundPortal : IAsyncLifetime
{
    /// <summary>An API token the portal registers for the admin at start-up (PORTAL_API_TOKEN).</summary>
    private const string AdminToken = "e2e-playground-token-0123456789abcdef";

    /// <summary>Training runs on a 2-core CPU, maybe next to a build: a wait this long means something is stuck, not slow.</summary>
    private static readonly TimeSpan TrainingPatience = TimeSpan.FromMinutes(10);

    private readonly PortalServer portal = new ConfiguredPortal(new Dictionary<string, string>
    {
        ["PORTAL_API_TOKEN"] = AdminToken,
        ["Portal:Training:PollSeconds"] = "1",
        ["Portal:Training:HeartbeatSeconds"] = "1",
    });

    public Uri BaseAddress => portal.BaseAddress;

    public async Task InitializeAsync()
    {
        await portal.InitializeAsync();
        using var api = new HttpClient { BaseAddress = portal.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        // Two different models, so that the side-by-side outputs differ: different lengths of training and seeds.
        foreach (var (steps, seed) in new[] { (40, 1337), (20, 7) })
        {
            var jobId = await TrainAsync(api, steps, seed);
            await PromoteAsync(api, jobId);
        }
    }

    public Task DisposeAsync() => portal.DisposeAsync();

    private static async Task<long> TrainAsync(HttpClient api, int maxSteps, int seed)
    {
        var settings = new TrainingSettings
        {
            StartMode = JobStartMode.Scratch,
            ModelSize = "tiny",
            ContextLength = 64,
            MaxSteps = maxSteps,
            EvalInterval = 10,
            EvalBatches = 2,
            BatchSize = 2,
            LearningRate = 1e-3,
            WarmupSteps = 2,
            ProbeTokens = 8,
            Seed = seed,
        };
        var queued = await api.PostAsJsonAsync("api/training/jobs", new { preset = "Custom", settings });
        queued.EnsureSuccessStatusCode();
        var jobId = (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        using var patience = new CancellationTokenSource(TrainingPatience);
        while (true)
        {
            var job = await api.GetFromJsonAsync<JsonElement>($"api/training/jobs/{jobId}", patience.Token);
            var state = job.GetProperty("state").GetString();
            if (state == "Succeeded")
                return jobId;
            if (state is "Failed" or "Cancelled")
                throw new InvalidOperationException($"Training job {jobId} ended {state}: {job.GetProperty("failureReason")}");
            await Task.Delay(TimeSpan.FromMilliseconds(500), patience.Token);
        }
    }

    /// <summary>A tiny model may fail a checklist item (a loss that barely moved), so the promotion overrides, with the note that needs.</summary>
    private static async Task PromoteAsync(HttpClient api, long jobId)
    {
        var promoted = await api.PostAsJsonAsync("api/versions", new { jobId, note = $"Job {jobId}, for the playground test.", @override = true });
        if (!promoted.IsSuccessStatusCode)
            throw new InvalidOperationException($"Promoting job {jobId} answered {(int)promoted.StatusCode}: {await promoted.Content.ReadAsStringAsync()}");
    }

    private sealed class ConfiguredPortal(IReadOnlyDictionary<string, string> settings) : PortalServer(scriptedAdmin: true, settings);
}
