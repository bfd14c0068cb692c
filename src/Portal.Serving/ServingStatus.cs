namespace Portal.Serving;

/// <summary>
/// What the service knows besides the model it serves: the branch it follows, when it last looked, and why the
/// last attempt to load a version failed (null once a later one succeeds). Messages here never hold a secret.
/// </summary>
internal sealed class ServingStatus(string? branch)
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _lastCheck;
    private string? _lastError;

    public string? Branch => branch;

    public (DateTimeOffset? LastCheck, string? LastError) Snapshot()
    {
        lock (_lock) return (_lastCheck, _lastError);
    }

    /// <summary>The end of one look at the branch, whatever happened.</summary>
    public void Checked(DateTimeOffset at, string? error)
    {
        lock (_lock) (_lastCheck, _lastError) = (at, error);
    }

    /// <summary>A served folder that cannot be served (--model mode has no checks, only this one outcome).</summary>
    public void Failed(string error)
    {
        lock (_lock) _lastError = error;
    }
}
