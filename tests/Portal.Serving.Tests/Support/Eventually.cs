namespace Portal.Serving.Tests.Support;

/// <summary>Polls until a condition holds, with one generous deadline; a condition that never holds fails the test with its description.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task<T> MatchAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string description)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var value = await read();
            if (condition(value))
                return value;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Still waiting for {description}; last seen: {value}");
            await Task.Delay(50);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string description) =>
        MatchAsync(() => Task.FromResult(condition()), holds => holds, description);
}
