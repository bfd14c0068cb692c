using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Versions;
using Portal.Serving.Inference;

namespace Portal.Serving.Tests.Support;

/// <summary>The real service on Kestrel (127.0.0.1, a free port), built from a command line as Program builds it.</summary>
internal sealed class ServingHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;

    private ServingHost(WebApplication app, LogCollector logs)
    {
        _app = app;
        Logs = logs;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromMinutes(2) };
    }

    public HttpClient Client { get; }

    public LogCollector Logs { get; }

    /// <summary>The model being served right now, as the service holds it (to watch its leases).</summary>
    public ServedModel? CurrentModel => _app.Services.GetRequiredService<ModelSlot>().Current;

    /// <param name="loader">Replaces how model folders are loaded (to hold generations in flight).</param>
    public static async Task<ServingHost> StartAsync(IEnumerable<string> args, IModelLoader? loader = null)
    {
        var logs = new LogCollector();
        var app = ServingApp.Build([.. args, "--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            if (loader is not null)
                builder.Services.AddSingleton(loader);
        });
        await app.StartAsync();
        return new ServingHost(app, logs);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync()
    {
        using var response = await Client.GetAsync("/healthz");
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Json));
    }

    public async Task<ServingReport> VersionAsync()
    {
        using var response = await Client.GetAsync("/version");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ServingReport>(Json))!;
    }

    public Task<ServingReport> WaitForVersionAsync(Func<ServingReport, bool> condition, string description) =>
        Eventually.MatchAsync(VersionAsync, condition, description);

    public async Task<Generated> GenerateAsync(object request)
    {
        using var response = await Client.PostAsJsonAsync("/generate", request, Json);
        Assert.True(response.IsSuccessStatusCode, $"/generate answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Generated>(Json))!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
