using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Web.Options;

namespace Portal.Web.Services.Playground;

/// <summary>
/// How many generations each writer may start per minute (<see cref="PlaygroundOptions.RequestsPerMinute"/>), page and
/// API together. A token bucket per writer: a burst up to the limit, then one more every 60/limit seconds, so that
/// a writer who waits a little can go on rather than sit out a whole fixed window.
/// </summary>
public sealed class WriterRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? limiter;

    public WriterRateLimiter(IOptions<PlaygroundOptions> options)
    {
        PerMinute = options.Value.RequestsPerMinute;
        // 0 or less turns the limit off (a private install with one writer may want that).
        if (PerMinute <= 0)
            return;
        var period = TimeSpan.FromMinutes(1) / PerMinute;
        limiter = PartitionedRateLimiter.Create<string, string>(userId => RateLimitPartition.GetTokenBucketLimiter(userId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = PerMinute,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        }), StringComparer.Ordinal);
    }

    public int PerMinute { get; }

    /// <summary>Takes one of the writer's generations; false, with when to try again, when they have used them all.</summary>
    public bool TryAcquire(string userId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (limiter is null)
            return true;
        using var lease = limiter.AttemptAcquire(userId);
        if (lease.IsAcquired)
            return true;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero
            ? after
            : TimeSpan.FromMinutes(1) / PerMinute;
        return false;
    }

    public void Dispose() => limiter?.Dispose();
}
