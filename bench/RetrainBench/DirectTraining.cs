using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Training;
using Portal.Ml.Training;
using Portal.Worker.Execution;

namespace RetrainBench;

internal sealed record EngineFigures(int Steps, double ElapsedSeconds, double TokensPerSecond, JobCosts Costs);

/// <summary>
/// The same job (snapshot, settings, probes) on the engine alone: no queue, no event store, no hub. The difference
/// to the portal's run is what the queue and the hub cost.
/// </summary>
internal static class DirectTraining
{
    public static async Task<EngineFigures> RunAsync(BenchPortal portal, TrainingJob job, CancellationToken cancellationToken)
    {
        var verses = await portal.Services.GetRequiredService<ITrainingJobStore>().SnapshotAsync(job.Id, cancellationToken);
        var assignment = new JobAssignment(new JobLease(job.Id, "direct"), job.Settings, 1, verses, [], [], null);
        var options = TrainingSettingsMapping.ToOptions(job.Settings, TrainingSettingsMapping.ProbePrompts(assignment));
        var folder = Path.Combine(Path.GetTempPath(), $"portal-bench-direct-{Guid.NewGuid():N}");
        try
        {
            var request = new TrainingRequest(TrainingSettingsMapping.ToTrainingVerses(verses), Path.Combine(folder, "model"), Path.Combine(folder, "run"),
                TrainingSettingsMapping.ToStartMode(job.Settings.StartMode), Preset: job.Settings.ModelSize, Options: options);
            var last = new LastProgress();
            await using var meter = JobCostMeter.Start();
            var outcome = await Task.Factory.StartNew(() => TrainingSession.Run(request, last, cancellationToken),
                cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var costs = await meter.StopAsync();
            return new EngineFigures(outcome.Result.Steps, outcome.Result.Elapsed.TotalSeconds, last.TokensPerSecond, costs);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Synchronous on purpose: Progress&lt;T&gt; would post to the thread pool and lag behind the run.</summary>
    private sealed class LastProgress : IProgress<TrainingProgress>
    {
        public double TokensPerSecond { get; private set; }

        public void Report(TrainingProgress value) => TokensPerSecond = value.TokensPerSecond;
    }
}
