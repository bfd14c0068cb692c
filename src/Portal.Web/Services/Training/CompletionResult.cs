namespace Portal.Web.Services.Training;

/// <summary>What became of a worker's outcome.</summary>
public enum CompletionResult
{
    Completed,

    /// <summary>The worker reported success without a complete candidate in the job's models folder; the job failed with that reason.</summary>
    CandidateMissing,

    /// <summary>The lease is void (the job was taken over or ended): the outcome was ignored.</summary>
    LeaseLost,
}
