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

    /// <summary>Models one comparison may put side by side.</summary>
    public int MaxModelsPerRun { get; set; } = 4;

    /// <summary>Runs kept in each writer's history.</summary>
    public int HistorySize { get; set; } = 50;

    public long ModelCacheBytes => ModelCacheMegabytes * 1024L * 1024L;
}
