using Microsoft.EntityFrameworkCore;
using Portal.Core.Training;
using Portal.Data.Entities;
using Portal.Data.Sqlite;

namespace Portal.Data.Training;

/// <summary>
/// The durable training queue in the portal database. Every write runs under one lock and in one transaction with
/// the events it appends: the portal process is the only writer of these tables, and serialising it here is what
/// keeps event numbers gap-free and a job from being claimed twice.
/// </summary>
public sealed class TrainingJobStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock) : ITrainingJobStore, IDisposable
{
    private readonly SemaphoreSlim writeLock = new(1, 1);

    public async Task<EnqueueResult> EnqueueAsync(NewTrainingJob request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Snapshot.Count == 0)
            throw new ArgumentException("A training job needs at least one verse.", nameof(request));
        if (request.Snapshot.DistinctBy(v => v.VerseId).Count() != request.Snapshot.Count)
            throw new ArgumentException("A snapshot holds each verse once.", nameof(request));
        if (request.Settings.Validate() is { Count: > 0 } errors)
            throw new ArgumentException(string.Join(" ", errors), nameof(request));

        var snapshotHash = DatasetSnapshot.Hash(request.Snapshot);
        var key = JobKey.Of(snapshotHash, request.Settings, request.StartFrom);
        return await WriteAsync(async (db, now) =>
        {
            var existing = await db.TrainingJobs.Active().Where(j => j.JobKey == key).OrderBy(j => j.Id).FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
                return new EnqueueResult(await ToJobAsync(db, existing, cancellationToken), Joined: true, []);

            var job = new TrainingJobEntity
            {
                RequestedById = request.RequestedById,
                RequestedAt = now,
                Preset = request.Preset,
                SettingsJson = TrainingJson.Write(request.Settings),
                StartFrom = request.StartFrom,
                PreviousJobId = request.PreviousJobId,
                SnapshotHash = snapshotHash,
                VerseCount = request.Snapshot.Count,
                JobKey = key,
                ProbePromptsJson = TrainingJson.Write(request.ProbePrompts),
                State = JobState.Queued,
            };
            db.TrainingJobs.Add(job);
            // The job's id keys its snapshot and its events; the transaction still makes all of it one change.
            await db.SaveChangesAsync(cancellationToken);
            db.TrainingSnapshotVerses.AddRange(request.Snapshot.Select(v => TrainingJobMapping.ToEntity(job.Id, v)));
            var log = new JobEventLog(db, now);
            log.Append(job, JobEventData.StateChanged(JobState.Queued));
            await db.SaveChangesAsync(cancellationToken);
            return new EnqueueResult(await ToJobAsync(db, job, cancellationToken), Joined: false, log.Appended);
        }, cancellationToken);
    }

    public async Task<TrainingJob?> FindAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.TrainingJobs.AsNoTracking().Where(j => j.Id == jobId).ToJobsAsync(cancellationToken);
        return found.SingleOrDefault();
    }

    public async Task<IReadOnlyList<TrainingJob>> ListAsync(int finished = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var active = await db.TrainingJobs.AsNoTracking().Active().OrderByDescending(j => j.Id).ToJobsAsync(cancellationToken);
        if (finished <= 0)
            return active;
        var done = await db.TrainingJobs.AsNoTracking().Finished()
            .OrderByDescending(j => j.FinishedAt).ThenByDescending(j => j.Id)
            .Take(finished)
            .ToJobsAsync(cancellationToken);
        return [.. active, .. done];
    }

    public async Task<IReadOnlyList<SnapshotVerse>> SnapshotAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var verses = await db.TrainingSnapshotVerses.AsNoTracking().Where(v => v.JobId == jobId).OrderBy(v => v.VerseId).ToListAsync(cancellationToken);
        return verses.Select(TrainingJobMapping.ToVerse).ToList();
    }

    public async Task<IReadOnlyList<JobEvent>> EventsAsync(long jobId, long after, int take = 5000, CancellationToken cancellationToken = default)
    {
        if (take <= 0)
            return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = await db.TrainingJobEvents.AsNoTracking()
            .Where(e => e.JobId == jobId && e.Sequence > after)
            .OrderBy(e => e.Sequence)
            .Take(take)
            .ToListAsync(cancellationToken);
        return events.Select(TrainingJobMapping.ToEvent).ToList();
    }

    public async Task<CancelResult> CancelAsync(long jobId, CancellationToken cancellationToken = default) =>
        await WriteAsync(async (db, now) =>
        {
            var job = await db.TrainingJobs.SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
            if (job is null)
                return new CancelResult(null, []);

            var log = new JobEventLog(db, now);
            if (job.State == JobState.Queued)
            {
                job.FinishedAt = now;
                log.ChangeState(job, JobState.Cancelled, "Cancelled before it started.");
            }
            else if (job.State == JobState.Running && !job.CancelRequested)
            {
                // Only the worker can stop cleanly (keeping its checkpoint), so it reports Cancelled itself.
                job.CancelRequested = true;
                log.Append(job, JobEventData.Log("Cancel requested: the worker stops at its next step."));
            }
            await db.SaveChangesAsync(cancellationToken);
            return new CancelResult(await ToJobAsync(db, job, cancellationToken), log.Appended);
        }, cancellationToken);

    public async Task<ClaimResult> ClaimAsync(string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        return await WriteAsync(async (db, now) =>
        {
            var log = new JobEventLog(db, now);
            var job = await NextClaimableAsync(db, log, now, cancellationToken);
            if (job is null)
            {
                await db.SaveChangesAsync(cancellationToken);
                return new ClaimResult(null, log.Appended);
            }

            job.Attempts++;
            job.StartedAt ??= now;
            job.WorkerId = workerId;
            job.LeaseId = Guid.NewGuid().ToString("N");
            job.LeaseExpiresAt = now + leaseDuration;
            log.ChangeState(job, JobState.Running, job.Attempts == 1
                ? $"Started by worker {workerId}."
                : $"Resumed by worker {workerId} (attempt {job.Attempts}).");
            await db.SaveChangesAsync(cancellationToken);
            return new ClaimResult(await JobAssignmentReader.ReadAsync(db, job, cancellationToken), log.Appended);
        }, cancellationToken);
    }

    public async Task<LeaseStatus> HeartbeatAsync(JobLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        return await WriteAsync(async (db, now) =>
        {
            var job = await db.TrainingJobs.HeldBy(lease).SingleOrDefaultAsync(cancellationToken);
            if (job is null)
                return LeaseStatus.Lost;
            job.LeaseExpiresAt = now + leaseDuration;
            await db.SaveChangesAsync(cancellationToken);
            return job.CancelRequested ? LeaseStatus.CancelRequested : LeaseStatus.Active;
        }, cancellationToken, Durability.InOrder);
    }

    public async Task<bool> IsLeaseCurrentAsync(JobLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TrainingJobs.HeldBy(lease).AnyAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<JobEvent>?> AppendAsync(JobLease lease, IReadOnlyList<JobEventData> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(events);
        // State belongs to the store: a worker that could write "Succeeded" as an event would bypass CompleteAsync.
        if (events.Any(e => e is null || e.Kind == JobEventKind.State))
            throw new ArgumentException("A worker reports progress, logs and probes; its state changes go through ClaimAsync and CompleteAsync.", nameof(events));

        return await WriteAsync<IReadOnlyList<JobEvent>?>(async (db, now) =>
        {
            var job = await db.TrainingJobs.HeldBy(lease).SingleOrDefaultAsync(cancellationToken);
            if (job is null)
                return null;
            var log = new JobEventLog(db, now);
            foreach (var data in events)
                log.Append(job, data);
            await db.SaveChangesAsync(cancellationToken);
            return log.Appended;
        }, cancellationToken, Durability.InOrder);
    }

    public async Task<IReadOnlyList<JobEvent>?> CompleteAsync(JobLease lease, JobOutcome outcome, string? candidatePath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!outcome.State.IsFinished())
            throw new ArgumentException($"A job ends Succeeded, Failed or Cancelled, not {outcome.State}.", nameof(outcome));

        return await WriteAsync<IReadOnlyList<JobEvent>?>(async (db, now) =>
        {
            var job = await db.TrainingJobs.HeldBy(lease).SingleOrDefaultAsync(cancellationToken);
            if (job is null)
                return null;

            var succeeded = outcome.State == JobState.Succeeded;
            job.FinishedAt = now;
            job.LeaseId = null;
            job.LeaseExpiresAt = null;
            job.MetricsJson = outcome.Metrics is null ? null : TrainingJson.Write(outcome.Metrics);
            job.ChecklistJson = succeeded && outcome.Metrics is { } metrics ? TrainingJson.Write(RetrainChecklist.Evaluate(metrics)) : null;
            job.CandidatePath = succeeded ? candidatePath : null;
            job.FailureReason = outcome.State == JobState.Failed
                ? (string.IsNullOrWhiteSpace(outcome.FailureReason) ? "The worker reported a failure without a reason." : outcome.FailureReason)
                : null;
            var log = new JobEventLog(db, now);
            log.ChangeState(job, outcome.State, job.FailureReason);
            await db.SaveChangesAsync(cancellationToken);
            return log.Appended;
        }, cancellationToken);
    }

    public async Task ReleaseLeasesAsync(string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        await WriteAsync(async (db, now) =>
        {
            DateTimeOffset? expired = now - TimeSpan.FromTicks(1);
            return await db.TrainingJobs
                .Where(j => j.State == JobState.Running && j.WorkerId == workerId)
                .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseExpiresAt, expired), cancellationToken);
        }, cancellationToken);
    }

    public async Task<TrainingJob?> LatestSucceededAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var latest = await db.TrainingJobs.AsNoTracking()
            .Where(j => j.State == JobState.Succeeded && j.CandidatePath != null)
            .OrderByDescending(j => j.FinishedAt).ThenByDescending(j => j.Id)
            .Take(1)
            .ToJobsAsync(cancellationToken);
        return latest.SingleOrDefault();
    }

    public async Task<int> NewVersesSinceAsync(long? jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var included = db.Verses.Where(v => v.IncludeInTraining);
        if (jobId is { } id)
            included = included.Where(v => !db.TrainingSnapshotVerses.Any(s => s.JobId == id && s.ContentHash == v.ContentHash));
        return await included.CountAsync(cancellationToken);
    }

    public async Task<DateTimeOffset?> LastRequestedAtAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var latest = await db.TrainingJobs.OrderByDescending(j => j.RequestedAt).Select(j => new { j.RequestedAt }).FirstOrDefaultAsync(cancellationToken);
        return latest?.RequestedAt;
    }

    public void Dispose() => writeLock.Dispose();

    /// <summary>
    /// Abandoned running jobs first (their worker died; resuming keeps its progress), oldest first; then the oldest
    /// queued job. An abandoned job whose cancel was requested is ended here, since no worker is left to end it.
    /// </summary>
    private static async Task<TrainingJobEntity?> NextClaimableAsync(PortalDbContext db, JobEventLog log, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var abandoned = await db.TrainingJobs
            .Where(j => j.State == JobState.Running && j.LeaseExpiresAt <= now)
            .OrderBy(j => j.Id)
            .ToListAsync(cancellationToken);
        foreach (var job in abandoned)
        {
            if (!job.CancelRequested)
                return job;
            job.FinishedAt = now;
            job.LeaseId = null;
            job.LeaseExpiresAt = null;
            log.ChangeState(job, JobState.Cancelled, "Cancelled: its worker stopped before it could stop the job itself.");
        }
        return await db.TrainingJobs.Where(j => j.State == JobState.Queued).OrderBy(j => j.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private static async Task<TrainingJob> ToJobAsync(PortalDbContext db, TrainingJobEntity job, CancellationToken cancellationToken)
    {
        var name = await db.Users.Where(u => u.Id == job.RequestedById).Select(u => u.UserName).SingleOrDefaultAsync(cancellationToken);
        return TrainingJobMapping.ToJob(job, name);
    }

    /// <summary>
    /// One writer at a time, in a transaction that Microsoft.Data.Sqlite opens with BEGIN IMMEDIATE: the write lock
    /// is taken before the first read, so what a write decided on cannot change under it.
    /// </summary>
    private async Task<T> WriteAsync<T>(
        Func<PortalDbContext, DateTimeOffset, Task<T>> work, CancellationToken cancellationToken, Durability durability = Durability.OnDisk)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var relaxed = durability == Durability.InOrder ? await RelaxedSync.OpenAsync(db, cancellationToken) : null;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work(db, clock.GetUtcNow());
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            writeLock.Release();
        }
    }
}
