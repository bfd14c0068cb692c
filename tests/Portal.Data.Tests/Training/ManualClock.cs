namespace Portal.Data.Tests.Training;

/// <summary>Time that moves only when a test moves it, so that lease expiry is decided by the test, not the machine.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
