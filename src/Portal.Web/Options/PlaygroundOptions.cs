using Portal.Ml.Generation.Requests;

namespace Portal.Web.Options;

/// <summary>Settings under "Portal:Playground": what a generation may ask for, how often, and how much memory loaded models may take.</summary>
public sealed class PlaygroundOptions
{
    public const string Section = "Portal:Playground";

    /// <summary>Prompt length, new-token budget and stop strings, the same for the page and the API.</summary>
    public GenerateLimits Limits { get; set; } = new();

    /// <summary>Generations one writer may start per minute, page and API together.</summary>
    public int RequestsPerMinute { get; set; } = 30;

    /// <summary>Memory the loaded models may take together; the least recently used model is unloaded to make room.</summary>
    public int ModelCacheMegabytes { get; set; } = 1024;

    /// <summary>
    /// Models that may generate at once, all writers together; a run beyond that is refused with 503 and Retry-After.
    /// One per processor core by default: each model writes on one thread, and more than the cores slow every run.
    /// 0 or less: no limit.
    /// </summary>
    public int MaxConcurrentGenerations { get; set; } = Environment.ProcessorCount;

    /// <summary>Models one comparison may put side by side.</summary>
    public int MaxModelsPerRun { get; set; } = 4;

    /// <summary>Runs kept in each writer's history.</summary>
    public int HistorySize { get; set; } = 50;

    public long ModelCacheBytes => ModelCacheMegabytes * 1024L * 1024L;
}
