namespace Portal.Core.Training;

/// <summary>
/// How a worker talks to the portal. The in-portal worker calls the job store directly; a worker on a GPU machine
/// goes through the portal's SignalR hub and file endpoints. Either way the worker's code is the same.
/// </summary>
public interface ITrainingJobChannel
{
    /// <summary>The oldest claimable job (queued, or running with an expired lease), or null when there is none.</summary>
    Task<JobAssignment?> ClaimAsync(string workerId, CancellationToken cancellationToken);

    /// <summary>Makes the job's files available locally: start model, previous model, and any checkpoint of an earlier attempt.</summary>
    Task<JobFiles> PrepareFilesAsync(JobAssignment job, CancellationToken cancellationToken);

    /// <summary>Extends the lease; also how a worker learns that the job was cancelled or taken from it.</summary>
    Task<LeaseStatus> HeartbeatAsync(JobLease lease, CancellationToken cancellationToken);

    /// <summary>Progress, log lines and probes, in order. The portal numbers, stores and broadcasts them.</summary>
    Task ReportAsync(JobLease lease, IReadOnlyList<JobEventData> events, CancellationToken cancellationToken);

    /// <summary>The trainer just wrote a checkpoint into <see cref="JobFiles.RunDirectory"/>; a remote worker uploads it
    /// so that another worker can resume if this one dies.</summary>
    Task CheckpointSavedAsync(JobLease lease, JobFiles files, CancellationToken cancellationToken);

    /// <summary>Ends the job. For a success, the candidate in <see cref="JobFiles.CandidateDirectory"/> is delivered first.</summary>
    Task CompleteAsync(JobLease lease, JobFiles files, JobOutcome outcome, CancellationToken cancellationToken);
}
