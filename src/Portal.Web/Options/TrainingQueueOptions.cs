namespace Portal.Web.Options;

/// <summary>Settings under "Portal:Training": who trains, how long a claim lasts, and the automatic retrain check.</summary>
public sealed class TrainingQueueOptions
{
    public const string Section = "Portal:Training";

    /// <summary>Train on the portal's own machine. Off when GPU workers elsewhere take every job.</summary>
    public bool InProcessWorker { get; set; } = true;

    /// <summary>How long a worker's claim lasts without a heartbeat before another worker may resume the job.</summary>
    public int LeaseSeconds { get; set; } = 30;

    public int HeartbeatSeconds { get; set; } = 5;

    /// <summary>How often an idle in-process worker looks for a queued job.</summary>
    public int PollSeconds { get; set; } = 2;

    /// <summary>Folder name under {data}/base-models that the Full preset fine-tunes; without it Full trains from scratch.</summary>
    public string? BaseModel { get; set; }

    /// <summary>Model size of the Scratch preset when the request names none.</summary>
    public string ScratchSize { get; set; } = "tiny";

    public int AutoRetrainCheckSeconds { get; set; } = 60;

    /// <summary>The largest single file a remote worker may upload (a checkpoint or the candidate's weights).</summary>
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    public TimeSpan LeaseDuration => TimeSpan.FromSeconds(LeaseSeconds);
}
