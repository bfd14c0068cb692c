using Portal.Core.Training;
using Portal.Data.Entities;

namespace Portal.Data.Training;

/// <summary>
/// Numbers a job's events from its <see cref="TrainingJobEntity.LastSequence"/>, so that the numbers have no gaps as
/// long as the job row and its events are saved together (one SaveChanges, under the store's write lock).
/// </summary>
internal sealed class JobEventLog(PortalDbContext db, DateTimeOffset at)
{
    private readonly List<JobEvent> appended = [];

    /// <summary>What was appended, in order: what the caller broadcasts once the transaction commits.</summary>
    public IReadOnlyList<JobEvent> Appended => appended;

    public void Append(TrainingJobEntity job, JobEventData data)
    {
        job.LastSequence++;
        db.TrainingJobEvents.Add(new TrainingJobEventEntity
        {
            JobId = job.Id,
            Sequence = job.LastSequence,
            At = at,
            Kind = data.Kind,
            PayloadJson = TrainingJson.Write(data),
        });
        appended.Add(new JobEvent(job.Id, job.LastSequence, at, data));
    }

    public void ChangeState(TrainingJobEntity job, JobState state, string? message = null)
    {
        job.State = state;
        Append(job, JobEventData.StateChanged(state, message));
    }
}
