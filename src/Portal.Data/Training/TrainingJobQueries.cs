using Microsoft.EntityFrameworkCore;
using Portal.Core.Training;
using Portal.Data.Entities;

namespace Portal.Data.Training;

internal static class TrainingJobQueries
{
    public static IQueryable<TrainingJobEntity> Active(this IQueryable<TrainingJobEntity> jobs) =>
        jobs.Where(j => j.State == JobState.Queued || j.State == JobState.Running);

    public static IQueryable<TrainingJobEntity> Finished(this IQueryable<TrainingJobEntity> jobs) =>
        jobs.Where(j => j.State == JobState.Succeeded || j.State == JobState.Failed || j.State == JobState.Cancelled);

    /// <summary>
    /// The job while this lease is its current one. Expiry alone does not void a lease: until another worker claims
    /// the job, the worker that holds it may carry on.
    /// </summary>
    public static IQueryable<TrainingJobEntity> HeldBy(this IQueryable<TrainingJobEntity> jobs, JobLease lease) =>
        jobs.Where(j => j.Id == lease.JobId && j.State == JobState.Running && j.LeaseId == lease.LeaseId);

    /// <summary>Runs the query with each requester's name in the same round trip.</summary>
    public static async Task<List<TrainingJob>> ToJobsAsync(this IQueryable<TrainingJobEntity> jobs, CancellationToken cancellationToken)
    {
        var rows = await jobs.Select(j => new { Job = j, Name = j.RequestedBy!.UserName }).ToListAsync(cancellationToken);
        return rows.Select(r => TrainingJobMapping.ToJob(r.Job, r.Name)).ToList();
    }
}
