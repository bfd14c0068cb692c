using Microsoft.EntityFrameworkCore;
using Portal.Core.Access;
using Portal.Core.Training;
using Portal.Data.Training;

namespace Portal.Data.Tests.Training;

/// <summary>A migrated database with a job store on a manual clock, and one admin to queue jobs.</summary>
public sealed class TrainingQueue : IAsyncDisposable
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan PastLease = Lease + TimeSpan.FromSeconds(1);
    public static readonly IReadOnlyList<string> Probes = ["a verse about the sea", "a verse about chess"];

    private TrainingQueue(TestDatabase database, ManualClock clock, Actor admin)
    {
        Database = database;
        Clock = clock;
        Admin = admin;
        Store = new TrainingJobStore(database.Get<IDbContextFactory<PortalDbContext>>(), clock);
    }

    public TestDatabase Database { get; }
    public ManualClock Clock { get; }
    public Actor Admin { get; }
    public TrainingJobStore Store { get; }

    public static async Task<TrainingQueue> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var admin = await database.AddUserAsync("root", admin: true);
        return new TrainingQueue(database, new ManualClock(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)), admin);
    }

    public static SnapshotVerse Verse(int id) => new(id, $"hash-{id:D4}", $"prompt {id}", $"lyrics of verse {id}");

    public static IReadOnlyList<SnapshotVerse> Verses(params int[] ids) => ids.Select(Verse).ToList();

    public NewTrainingJob Request(IReadOnlyList<SnapshotVerse> snapshot, TrainingSettings? settings = null, string? startFrom = null, long? previousJobId = null) =>
        new(Admin.UserId, RetrainPreset.Scratch, settings ?? TrainingSettings.ForPreset(RetrainPreset.Scratch), startFrom, previousJobId, snapshot, Probes);

    public async Task<TrainingJob> EnqueueAsync(params int[] verseIds) => (await Store.EnqueueAsync(Request(Verses(verseIds)))).Job;

    public async Task<JobAssignment> ClaimAsync(string workerId)
    {
        var claim = await Store.ClaimAsync(workerId, Lease);
        Assert.NotNull(claim.Assignment);
        return claim.Assignment;
    }

    public async Task<TrainingJob> JobAsync(long id) => await Store.FindAsync(id) ?? throw new InvalidOperationException($"Job {id} is missing.");

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        await Database.DisposeAsync();
    }
}
