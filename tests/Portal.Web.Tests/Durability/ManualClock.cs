namespace Portal.Web.Tests.Durability;

/// <summary>A clock a test moves by hand, for schedules measured in hours.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
