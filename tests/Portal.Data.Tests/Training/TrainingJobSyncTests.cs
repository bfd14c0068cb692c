using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Training;

namespace Portal.Data.Tests.Training;

/// <summary>
/// Progress reports and heartbeats commit without waiting for an fsync (synchronous=NORMAL), the rest of the queue
/// with it. The relaxed setting belongs to that one commit: the connection goes back to the pool with FULL, so a
/// verse or a version saved next on it still waits for the disk, whoever opens it.
/// </summary>
public sealed class TrainingJobSyncTests
{
    private const long Full = 2;

    [Fact]
    public async Task AProgressReportLeavesItsPooledConnectionWaitingForTheDiskAgain()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        await queue.EnqueueAsync(1);
        var assignment = await queue.ClaimAsync("worker-a");

        var appended = await queue.Store.AppendAsync(assignment.Lease, [JobEventData.Log("step 1")]);

        Assert.NotNull(appended);
        Assert.All(await PooledSyncSettingsAsync(queue), setting => Assert.Equal(Full, setting));
    }

    [Fact]
    public async Task AHeartbeatLeavesItsPooledConnectionWaitingForTheDiskAgain()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        await queue.EnqueueAsync(1);
        var assignment = await queue.ClaimAsync("worker-a");

        Assert.Equal(LeaseStatus.Active, await queue.Store.HeartbeatAsync(assignment.Lease, TrainingQueue.Lease));

        Assert.All(await PooledSyncSettingsAsync(queue), setting => Assert.Equal(Full, setting));
    }

    [Fact]
    public async Task AReportOnALostLeaseStoresNothingAndLeavesTheConnectionWaitingForTheDisk()
    {
        await using var queue = await TrainingQueue.CreateAsync();
        var job = await queue.EnqueueAsync(1);
        var assignment = await queue.ClaimAsync("worker-a");
        queue.Clock.Advance(TrainingQueue.PastLease);
        await queue.ClaimAsync("worker-b");

        Assert.Null(await queue.Store.AppendAsync(assignment.Lease, [JobEventData.Log("too late")]));

        // Read before anything else opens a connection through EF, whose interceptor would set FULL again.
        Assert.All(await PooledSyncSettingsAsync(queue), setting => Assert.Equal(Full, setting));
        Assert.DoesNotContain(await queue.Store.EventsAsync(job.Id, after: 0), e => e.Data.Message == "too late");
    }

    /// <summary>
    /// The setting of every connection the pool hands out for the portal's connection string, opened without EF (whose
    /// interceptor would set it afresh): several at once, so the one the store just returned is among them.
    /// </summary>
    private static async Task<IReadOnlyList<long>> PooledSyncSettingsAsync(TrainingQueue queue)
    {
        string connectionString;
        await using (var db = await queue.Database.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            connectionString = db.Database.GetConnectionString()!;

        var connections = new List<SqliteConnection>();
        try
        {
            var settings = new List<long>();
            for (var i = 0; i < 4; i++)
            {
                var connection = new SqliteConnection(connectionString);
                connections.Add(connection);
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA synchronous";
                settings.Add((long)(await command.ExecuteScalarAsync())!);
            }
            return settings;
        }
        finally
        {
            foreach (var connection in connections)
                await connection.DisposeAsync();
        }
    }
}
