namespace Portal.Web.Services.Playground;

public enum PlaygroundRefusal
{
    /// <summary>The prompt or a setting is out of bounds; <see cref="PlaygroundRefusedException.Problems"/> names each field.</summary>
    Invalid,

    /// <summary>A model asked for does not exist (or has no model files any more).</summary>
    UnknownModel,

    /// <summary>The writer already has a generation running.</summary>
    Busy,

    /// <summary>Too many generations in the last minute; <see cref="PlaygroundRefusedException.RetryAfter"/> says when to try again.</summary>
    RateLimited,

    /// <summary>
    /// As many models are generating as the machine runs at full speed (<see cref="Options.PlaygroundOptions.MaxConcurrentGenerations"/>);
    /// <see cref="PlaygroundRefusedException.RetryAfter"/> says when to try again.
    /// </summary>
    AtCapacity,

    /// <summary>The model does not fit in the playground's memory budget at all.</summary>
    TooLarge,
}

/// <summary>A run refused before anything was generated, with a message meant for the writer.</summary>
public sealed class PlaygroundRefusedException(
    PlaygroundRefusal reason, string message, IReadOnlyDictionary<string, string[]>? problems = null, TimeSpan? retryAfter = null)
    : Exception(message)
{
    public PlaygroundRefusal Reason { get; } = reason;

    public IReadOnlyDictionary<string, string[]> Problems { get; } = problems ?? new Dictionary<string, string[]>();

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
