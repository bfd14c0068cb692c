namespace Portal.GitOps.Remote;

/// <summary>How one push went: through, refused for good (with why), or refused because the remote moved ahead.</summary>
internal sealed record PushAttempt(bool Pushed, bool RemoteMovedAhead, string? Error)
{
    public static PushAttempt Success { get; } = new(true, false, null);
    public static PushAttempt MovedAhead { get; } = new(false, true, null);

    public static PushAttempt Failed(string error) => new(false, false, error);
}
