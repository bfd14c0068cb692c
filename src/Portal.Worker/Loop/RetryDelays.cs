namespace Portal.Worker.Loop;

/// <summary>Waits between tries that double from the first delay up to a cap, so an unreachable portal is not hammered.</summary>
internal sealed class RetryDelays(TimeSpan first, TimeSpan max)
{
    private TimeSpan? _next;

    public static RetryDelays From(WorkerOptions options) => new(options.RetryDelay, options.MaxRetryDelay);

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var delay = _next ?? first;
        _next = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, max.Ticks));
        await Task.Delay(delay, cancellationToken);
    }

    public void Reset() => _next = null;
}
