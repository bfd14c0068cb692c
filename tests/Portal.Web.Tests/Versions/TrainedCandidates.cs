using Microsoft.Data.Sqlite;
using Portal.Core.Training;
using Portal.Core.Versions;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Versions;

/// <summary>
/// Four verses and two candidates trained on them, in a data directory no portal runs on any more: Passing (every
/// checklist item passes) and, trained after it, Failing (a learning rate too small to drop the loss).
/// </summary>
public sealed class TrainedCandidates : IAsyncLifetime
{
    private readonly TempDirectory data = new();

    public TrainingJob Passing { get; private set; } = null!;

    public TrainingJob Failing { get; private set; } = null!;

    /// <summary>The settings of <see cref="Passing"/>: a job queued with them trains the same candidate again.</summary>
    public static TrainingSettings PassingSettings => TinyJob.Settings(maxSteps: 40) with { ProbeTokens = 24 };

    public static TrainingSettings FailingSettings => TinyJob.Settings(maxSteps: 10) with { LearningRate = 1e-6, ProbeTokens = 24 };

    public async Task InitializeAsync()
    {
        await using (var portal = new PortalFactory { Setup = TrainingPortal.Setup() with { DataDirectory = data.Path } })
        {
            using var admin = portal.CreateAdminClient();
            await admin.AddVersesAsync(1, 2, 3, 4);
            Passing = await portal.FinishedAsync((await admin.QueueAsync(PassingSettings)).Id);
            Failing = await portal.FinishedAsync((await admin.QueueAsync(FailingSettings)).Id);
        }
        // The copies below must find the database whole, not in a WAL a pooled connection still holds.
        SqliteConnection.ClearAllPools();

        Assert.True(Passing.State == JobState.Succeeded, $"The passing job ended {Passing.State}: {Passing.FailureReason}");
        Assert.True(PromotionRules.PassesCompletely(Passing.Checklist), "The passing job's checklist: " + Describe(Passing));
        Assert.True(Failing.State == JobState.Succeeded, $"The failing job ended {Failing.State}: {Failing.FailureReason}");
        Assert.True(PromotionRules.FailedItems(Failing.Checklist).Count > 0, "The failing job's checklist: " + Describe(Failing));
    }

    /// <summary>A portal of the test's own on a copy of the trained data; the in-portal worker only when the test trains.</summary>
    public VersionPortal Start(bool withWorker = false, IReadOnlyDictionary<string, string>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var copy = new TempDirectory();
        CopyDirectory(data.Path, copy.Path);
        var setup = TrainingPortal.Setup(withWorker, settings) with { DataDirectory = copy.Path, Services = services };
        return new VersionPortal(new PortalFactory { Setup = setup }, copy);
    }

    public Task DisposeAsync()
    {
        data.Dispose();
        return Task.CompletedTask;
    }

    private static string Describe(TrainingJob job) =>
        string.Join("; ", job.Checklist.Select(i => $"{i.Key}={i.Passed?.ToString() ?? "n/a"} ({i.Figure})"));

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
