using Portal.Core.Training;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Training;

/// <summary>A portal with four verses and one tiny model trained on them: the current model of the tests that share it.</summary>
public sealed class TrainedPortal : IAsyncLifetime
{
    public const int MaxSteps = 30;

    public PortalFactory Portal { get; } = TrainingPortal.WithWorker();

    public TrainingJob Job { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var admin = Portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2, 3, 4);
        var queued = await admin.QueueAsync(TinyJob.Settings(maxSteps: MaxSteps));
        Job = await Portal.FinishedAsync(queued.Id);
        Assert.True(Job.State == JobState.Succeeded, $"The shared job ended {Job.State}: {Job.FailureReason}");
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}
