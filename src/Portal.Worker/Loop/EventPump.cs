using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Portal.Core.Training;

namespace Portal.Worker.Loop;

/// <summary>
/// Carries a job's events and checkpoint notices to the portal in the background, so that the training thread never
/// waits on the network. Everything pending goes in one call as soon as the previous one returns; a checkpoint notice
/// is sent after the events queued before it, and notices in a row become one.
/// </summary>
internal sealed class EventPump
{
    /// <summary>Keeps one call (and one hub message) small even after a long network outage.</summary>
    public const int MaxEventsPerCall = 200;

    // A null item is a checkpoint notice: it keeps its place among the events.
    private readonly Channel<JobEventData?> _queue = Channel.CreateUnbounded<JobEventData?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abandon = new();
    private readonly ITrainingJobChannel _channel;
    private readonly JobLease _lease;
    private readonly JobFiles _files;
    private readonly WorkerOptions _options;
    private readonly ILogger _logger;
    private readonly Action _onLeaseLost;
    private readonly Task _running;

    public EventPump(ITrainingJobChannel channel, JobLease lease, JobFiles files, WorkerOptions options, ILogger logger, Action onLeaseLost)
    {
        _channel = channel;
        _lease = lease;
        _files = files;
        _options = options;
        _logger = logger;
        _onLeaseLost = onLeaseLost;
        _running = Task.Run(PumpAsync);
    }

    public void Post(JobEventData data) => _queue.Writer.TryWrite(data);

    public void CheckpointSaved() => _queue.Writer.TryWrite(null);

    /// <summary>Sends everything still queued, then stops; gives up on what is left when <paramref name="cancellationToken"/> fires.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        using (cancellationToken.Register(_abandon.Cancel))
            await _running;
        _abandon.Dispose();
    }

    /// <summary>Stops at once, dropping what is queued: the job is no longer ours to report on.</summary>
    public async Task AbandonAsync()
    {
        _queue.Writer.TryComplete();
        await _abandon.CancelAsync();
        await _running;
        _abandon.Dispose();
    }

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_abandon.Token))
            {
                var events = new List<JobEventData>();
                while (events.Count < MaxEventsPerCall && reader.TryPeek(out var next) && next is not null)
                {
                    reader.TryRead(out _);
                    events.Add(next);
                }
                if (events.Count > 0)
                {
                    await CallAsync(token => _channel.ReportAsync(_lease, events, token), "report progress");
                    continue;
                }

                while (reader.TryPeek(out var head) && head is null)
                    reader.TryRead(out _);
                await CallAsync(token => _channel.CheckpointSavedAsync(_lease, _files, token), "send the checkpoint");
            }
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            _logger.LogDebug("Stopped reporting job {JobId} with events still queued", _lease.JobId);
        }
        catch (JobLeaseLostException)
        {
            _logger.LogWarning("The portal refused job {JobId}'s events: the lease is lost", _lease.JobId);
            _onLeaseLost();
        }
    }

    private async Task CallAsync(Func<CancellationToken, Task> call, string what)
    {
        var delays = RetryDelays.From(_options);
        while (true)
        {
            try
            {
                await call(_abandon.Token);
                return;
            }
            catch (Exception e) when (TransientErrors.IsTransient(e, _abandon.Token))
            {
                _logger.LogWarning("Could not {What} for job {JobId} ({Error}); retrying", what, _lease.JobId, e.Message);
                await delays.WaitAsync(_abandon.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException and not JobLeaseLostException)
            {
                // Retrying a call the portal rejects for good would stall every event behind it.
                _logger.LogError(e, "Could not {What} for job {JobId}; skipped", what, _lease.JobId);
                return;
            }
        }
    }
}
