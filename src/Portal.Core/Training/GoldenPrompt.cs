namespace Portal.Core.Training;

/// <summary>A prompt writers chose to watch at every evaluation, so they see their voice emerge.</summary>
public sealed record GoldenPrompt(int Id, string Text, string AddedById, string AddedByName, DateTimeOffset AddedAt)
{
    public const int MaxLength = 500;
    public const int MaxCount = 12;
}

public enum GoldenPromptAddResult
{
    Added,
    Empty,
    TooLong,
    Duplicate,
    TooMany,
}

public interface IGoldenPromptStore
{
    Task<IReadOnlyList<GoldenPrompt>> ListAsync(CancellationToken cancellationToken = default);
    Task<GoldenPromptAddResult> AddAsync(string userId, string text, CancellationToken cancellationToken = default);

    /// <summary>Writers remove their own; admins any. False when it is not there or not theirs.</summary>
    Task<bool> RemoveAsync(string userId, bool isAdmin, int id, CancellationToken cancellationToken = default);
}
