using Portal.Core.Playground;

namespace Portal.Web.Services.Playground;

/// <summary>
/// A model the playground offers: a version (live, or any past one) or a finished job's candidate that was never
/// promoted. <see cref="JobId"/> is the job that trained it, which blind votes count against.
/// </summary>
public sealed record PlaygroundModel(
    ModelChoice Choice,
    string Label,
    long JobId,
    bool IsLive,
    DateTimeOffset CreatedAt,
    string? Description);
