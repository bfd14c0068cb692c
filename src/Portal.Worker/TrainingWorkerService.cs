using Microsoft.Extensions.Hosting;

namespace Portal.Worker;

/// <summary>The worker loop as a hosted service: in the portal with its in-process channel, or alone with the remote one.</summary>
public sealed class TrainingWorkerService(WorkerLoop loop) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start-up path: the first claim may wait on the portal or the database.
        await Task.Yield();
        await loop.RunAsync(stoppingToken);
    }
}
