namespace Portal.Worker.Remote;

/// <summary>
/// The portal's side of a remote worker's conversation: the hub's address and method names, and the file endpoints.
/// Both ends use these names; payloads are the Core training records in System.Text.Json's web defaults (camelCase
/// names, enums as numbers).
/// </summary>
public static class WorkerProtocol
{
    public const string HubPath = "hubs/training";

    /// <summary><c>ClaimJob(string workerId) -> JobAssignment?</c></summary>
    public const string ClaimJob = "ClaimJob";

    /// <summary><c>Heartbeat(JobLease lease) -> LeaseStatus</c></summary>
    public const string Heartbeat = "Heartbeat";

    /// <summary><c>ReportEvents(JobLease lease, List&lt;JobEventData&gt; events) -> bool</c>; false when the lease is lost.</summary>
    public const string ReportEvents = "ReportEvents";

    /// <summary><c>CompleteJob(JobLease lease, JobOutcome outcome) -> bool</c>; false when the lease is lost.</summary>
    public const string CompleteJob = "CompleteJob";

    /// <summary>Every file request carries the lease id in this header (and the worker token as a bearer token).</summary>
    public const string LeaseHeader = "X-Job-Lease";

    /// <summary>The start model folder (Base and Continue jobs). Download only.</summary>
    public const string StartArea = "start";

    /// <summary>The previous model, for the forgetting check. Download only.</summary>
    public const string PreviousArea = "previous";

    /// <summary>Checkpoints, run-metrics.json and a scratch model's tokenizer. Downloaded to resume, uploaded at each checkpoint.</summary>
    public const string RunArea = "run";

    /// <summary>The trained model. Upload only, before CompleteJob of a success.</summary>
    public const string CandidateArea = "candidate";

    /// <summary><c>GET</c>: JSON array of <see cref="JobFileEntry"/>; 404 when the area has nothing.</summary>
    public static string ListPath(long jobId, string area) => $"api/worker/jobs/{jobId}/files/{area}";

    /// <summary><c>GET</c> the bytes, or <c>PUT</c> them (application/octet-stream, answered 204).</summary>
    public static string FilePath(long jobId, string area, string name) => $"{ListPath(jobId, area)}/{Uri.EscapeDataString(name)}";

    /// <summary>File names are plain names: no folders, nothing that could point outside the area.</summary>
    public static bool IsPlainFileName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= 255 && name is not ("." or "..")
        && name.IndexOfAny(['/', '\\', '\0']) < 0 && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;
}
