using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Core.Training;
using Portal.Web.Services.Training;

namespace Portal.Web.Tests.Training;

/// <summary>
/// The in-portal worker's channel, except that a job is never completed: the worker waits until the host stops. A
/// restart test then knows that the job is still running when the portal goes down, however fast training is.
/// </summary>
internal sealed class HeldCompletionChannel(ITrainingJobChannel inner) : ITrainingJobChannel
{
    public static void Install(IServiceCollection services)
    {
        services.RemoveAll<ITrainingJobChannel>();
        services.AddSingleton<LocalJobChannel>();
        services.AddSingleton<ITrainingJobChannel>(provider => new HeldCompletionChannel(provider.GetRequiredService<LocalJobChannel>()));
    }

    public Task<JobAssignment?> ClaimAsync(string workerId, CancellationToken cancellationToken) => inner.ClaimAsync(workerId, cancellationToken);

    public Task<JobFiles> PrepareFilesAsync(JobAssignment job, CancellationToken cancellationToken) => inner.PrepareFilesAsync(job, cancellationToken);

    public Task<LeaseStatus> HeartbeatAsync(JobLease lease, CancellationToken cancellationToken) => inner.HeartbeatAsync(lease, cancellationToken);

    public Task ReportAsync(JobLease lease, IReadOnlyList<JobEventData> events, CancellationToken cancellationToken) =>
        inner.ReportAsync(lease, events, cancellationToken);

    public Task CheckpointSavedAsync(JobLease lease, JobFiles files, CancellationToken cancellationToken) =>
        inner.CheckpointSavedAsync(lease, files, cancellationToken);

    public Task CompleteAsync(JobLease lease, JobFiles files, JobOutcome outcome, CancellationToken cancellationToken) =>
        Task.Delay(Timeout.Infinite, cancellationToken);
}
