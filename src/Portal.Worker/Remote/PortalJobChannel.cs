using System.Net.Http.Headers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Training;

namespace Portal.Worker.Remote;

/// <summary>
/// The channel of a worker on another machine: calls go to the portal's training hub, files over its file
/// endpoints into <see cref="WorkerOptions.WorkDirectory"/><c>/job-{id}/</c>. The hub connection reconnects by itself;
/// a call made while it is down fails with an <see cref="IOException"/>, which the worker retries.
/// </summary>
public sealed class PortalJobChannel : ITrainingJobChannel, IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly HttpClient _http;
    private readonly JobFileClient _files;
    private readonly UploadLedger _ledger = new();
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly string _workDirectory;
    private readonly ILogger<PortalJobChannel> _logger;

    public PortalJobChannel(PortalConnection connection, IOptions<WorkerOptions> options, ILogger<PortalJobChannel> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _logger = logger;
        _workDirectory = Path.GetFullPath(options.Value.WorkDirectory);
        _http = new HttpClient
        {
            BaseAddress = connection.BaseAddress,
            // Models run to hundreds of megabytes; a transfer may take long, but not forever.
            Timeout = TimeSpan.FromHours(1),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", connection.Token);
        _files = new JobFileClient(_http, logger);
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(connection.BaseAddress, WorkerProtocol.HubPath), http => http.AccessTokenProvider = () => Task.FromResult<string?>(connection.Token))
            .WithAutomaticReconnect()
            .Build();
        _hub.Reconnecting += error =>
        {
            _logger.LogWarning("Lost the connection to the portal ({Error}); reconnecting", error?.Message);
            return Task.CompletedTask;
        };
        _hub.Reconnected += _ =>
        {
            _logger.LogInformation("Reconnected to the portal");
            return Task.CompletedTask;
        };
    }

    public Task<JobAssignment?> ClaimAsync(string workerId, CancellationToken cancellationToken) =>
        InvokeAsync<JobAssignment?>(WorkerProtocol.ClaimJob, [workerId], cancellationToken);

    public Task<LeaseStatus> HeartbeatAsync(JobLease lease, CancellationToken cancellationToken) =>
        InvokeAsync<LeaseStatus>(WorkerProtocol.Heartbeat, [lease], cancellationToken);

    public async Task ReportAsync(JobLease lease, IReadOnlyList<JobEventData> events, CancellationToken cancellationToken)
    {
        if (!await InvokeAsync<bool>(WorkerProtocol.ReportEvents, [lease, events.ToList()], cancellationToken))
            throw new JobLeaseLostException(lease.JobId);
    }

    public async Task<JobFiles> PrepareFilesAsync(JobAssignment job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var lease = job.Lease;
        var root = JobDirectory(lease.JobId);
        var start = await MirrorAsync(lease, WorkerProtocol.StartArea, Path.Combine(root, "start"), cancellationToken);

        // A Continue job's previous model is usually its start model: fetched once.
        var previousFiles = await _files.ListAsync(lease, WorkerProtocol.PreviousArea, cancellationToken);
        string? previous = null;
        if (previousFiles is not null)
            previous = start.Files is { } startFiles && SameContent(startFiles, previousFiles)
                ? start.Folder
                : (await MirrorAsync(lease, WorkerProtocol.PreviousArea, Path.Combine(root, "previous"), cancellationToken, previousFiles)).Folder;

        var run = Path.Combine(root, "run");
        Directory.CreateDirectory(run);
        if (await _files.ListAsync(lease, WorkerProtocol.RunArea, cancellationToken) is { } runFiles)
        {
            // What came from the portal is already there: only what the trainer rewrites goes back up.
            foreach (var (name, stamp) in await _files.DownloadAllAsync(lease, WorkerProtocol.RunArea, runFiles, run, cancellationToken))
                _ledger.Record(lease.JobId, WorkerProtocol.RunArea, name, stamp);
        }

        var candidate = Path.Combine(root, "candidate");
        Directory.CreateDirectory(candidate);
        return new JobFiles(run, candidate, start.Folder, previous);
    }

    public Task CheckpointSavedAsync(JobLease lease, JobFiles files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        return UploadChangedAsync(lease, WorkerProtocol.RunArea, files.RunDirectory, cancellationToken);
    }

    public async Task CompleteAsync(JobLease lease, JobFiles files, JobOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.State == JobState.Succeeded)
            await UploadChangedAsync(lease, WorkerProtocol.CandidateArea, files.CandidateDirectory, cancellationToken);
        if (!await InvokeAsync<bool>(WorkerProtocol.CompleteJob, [lease, outcome], cancellationToken))
            throw new JobLeaseLostException(lease.JobId);

        // The portal has all it needs; the job's copies here only take disk space.
        _ledger.Forget(lease.JobId);
        try
        {
            var folder = JobDirectory(lease.JobId);
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            _logger.LogWarning("Could not remove the files of job {JobId}: {Error}", lease.JobId, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _http.Dispose();
        _connecting.Dispose();
    }

    private string JobDirectory(long jobId) => Path.Combine(_workDirectory, $"job-{jobId}");

    /// <summary>Makes <paramref name="folder"/> hold exactly the area's files; null folder when the area is empty.</summary>
    private async Task<(string? Folder, IReadOnlyList<JobFileEntry>? Files)> MirrorAsync(
        JobLease lease, string area, string folder, CancellationToken cancellationToken, IReadOnlyList<JobFileEntry>? listed = null)
    {
        var entries = listed ?? await _files.ListAsync(lease, area, cancellationToken);
        if (entries is null)
            return (null, null);
        await _files.DownloadAllAsync(lease, area, entries, folder, cancellationToken);
        var names = entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(folder).Where(path => !names.Contains(Path.GetFileName(path))))
            File.Delete(stale);
        return (folder, entries);
    }

    private static bool SameContent(IReadOnlyList<JobFileEntry> a, IReadOnlyList<JobFileEntry> b) =>
        a.Count == b.Count && a.All(x => b.Any(y => y.Name == x.Name && y.Size == x.Size && string.Equals(y.Sha256, x.Sha256, StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// Sends the folder's files that changed since they were last sent. Checkpoint and metrics go last, so that a
    /// worker dying mid-way leaves the portal a checkpoint whose tokenizer and best weights are already there.
    /// </summary>
    private async Task UploadChangedAsync(JobLease lease, string area, string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
            return;
        var files = new DirectoryInfo(folder).EnumerateFiles()
            .Where(f => !f.Name.StartsWith('.') && !f.Name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => UploadOrder(f.Name))
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var file in files)
        {
            file.Refresh();
            if (!file.Exists || _ledger.IsCurrent(lease.JobId, area, file))
                continue;
            // Stamped before reading: a file rewritten during the upload is sent again next time.
            var stamp = UploadLedger.Stamp(file);
            await _files.UploadAsync(lease, area, file, cancellationToken);
            _ledger.Record(lease.JobId, area, file.Name, stamp);
        }
    }

    private static int UploadOrder(string name) => name switch
    {
        "best.ckpt" => 1,
        "checkpoint.ckpt" => 2,
        Execution.RunMetricsFile.FileName => 3,
        _ => 0,
    };

    private async Task<T> InvokeAsync<T>(string method, object?[] arguments, CancellationToken cancellationToken)
    {
        await ConnectAsync(cancellationToken);
        try
        {
            return await _hub.InvokeCoreAsync<T>(method, arguments, cancellationToken);
        }
        catch (InvalidOperationException e) when (_hub.State != HubConnectionState.Connected)
        {
            // The connection dropped under the call: the same as a network error, worth another try.
            throw new IOException($"The connection to the portal dropped during {method}.", e);
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_hub.State == HubConnectionState.Connected)
            return;
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_hub.State == HubConnectionState.Disconnected)
            {
                try
                {
                    await _hub.StartAsync(cancellationToken);
                }
                catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.Unauthorized)
                {
                    // Not a network hiccup: retrying soon will not help, and the message should say what will.
                    throw new UnauthorizedAccessException(JobFileClient.TokenRefused, e);
                }
                _logger.LogInformation("Connected to the portal");
            }
            if (_hub.State != HubConnectionState.Connected)
                throw new IOException("The connection to the portal is being re-established.");
        }
        finally
        {
            _connecting.Release();
        }
    }
}
