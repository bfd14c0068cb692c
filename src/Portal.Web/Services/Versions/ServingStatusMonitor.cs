using System.Collections.Immutable;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Portal.Core.Versions;
using Portal.Web.Options;

namespace Portal.Web.Services.Versions;

/// <summary>
/// Asks every configured serving app what it serves (GET {url}/version) every few seconds and keeps the last answer
/// of each, so that the Versions page can say which version is live where without waiting on the network itself.
/// </summary>
public sealed class ServingStatusMonitor(
    IHttpClientFactory clients,
    IOptions<DeployOptions> options,
    TimeProvider clock,
    ILogger<ServingStatusMonitor> logger) : BackgroundService
{
    public const string ClientName = "serving-status";

    /// <summary>A serving app that takes longer than this to say its version is as good as down for this page.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly DeployOptions deploy = options.Value;

    // One poll at a time: a slow poll finishing after a newer one would put older answers back.
    private readonly SemaphoreSlim polling = new(1, 1);

    private ImmutableArray<ServingEndpointStatus> statuses = Endpoints(options.Value).Select(url => new ServingEndpointStatus(url, null, null, null)).ToImmutableArray();

    /// <summary>Raised when an endpoint's report or error changed (not on every poll).</summary>
    public event Action? Changed;

    /// <summary>The last answer of each configured endpoint, in configuration order.</summary>
    public IReadOnlyList<ServingEndpointStatus> Current => statuses;

    /// <summary>Polls every endpoint once, side by side.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken = default)
    {
        bool changed;
        await polling.WaitAsync(cancellationToken);
        try
        {
            var before = statuses;
            var after = (await Task.WhenAll(before.Select(status => AskAsync(status.Url, cancellationToken)))).ToImmutableArray();
            statuses = after;
            changed = !before.Select(s => (s.Report, s.Error)).SequenceEqual(after.Select(s => (s.Report, s.Error)));
        }
        finally
        {
            polling.Release();
        }
        if (changed)
            Subscribers.Notify(Changed, logger);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (statuses.IsEmpty)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, deploy.ServingPollSeconds)), clock);
        do
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A poll that fails as a whole (not one endpoint: those are statuses) is tried again at the next tick.
                logger.LogWarning(e, "Polling the serving endpoints failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<ServingEndpointStatus> AskAsync(string url, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!Uri.TryCreate(url + "/version", UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            return new(url, null, "Not an http(s) URL: check Portal:Deploy:ServingEndpoints.", now);
        try
        {
            using var client = clients.CreateClient(ClientName);
            using var response = await client.GetAsync(address, cancellationToken);
            if (!response.IsSuccessStatusCode)
                return new(url, null, $"GET /version answered HTTP {(int)response.StatusCode}.", now);
            var report = await response.Content.ReadFromJsonAsync<ServingReport>(JsonSerializerOptions.Web, cancellationToken);
            return report is null ? new(url, null, "GET /version answered with no report.", now) : new(url, report, null, now);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(url, null, $"No answer within {Timeout.TotalSeconds:0} seconds.", now);
        }
        catch (HttpRequestException e)
        {
            return new(url, null, "Unreachable: " + e.Message, now);
        }
        catch (JsonException)
        {
            return new(url, null, "GET /version did not answer with a version report.", now);
        }
    }

    /// <summary>Configured base URLs without a trailing slash, blanks and repeats dropped.</summary>
    private static IEnumerable<string> Endpoints(DeployOptions deploy) =>
        deploy.ServingEndpoints.Select(url => url.Trim().TrimEnd('/')).Where(url => url.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase);
}
